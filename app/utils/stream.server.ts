// React 18.3's streaming renderer flushes its whole 2048-byte buffer when a multi-byte character does not
// fit at the end of it — trailing zero bytes included (react-dom-server writeStringChunk writes
// `currentView`, not `currentView.subarray(0, writtenBytes)`). On a Chinese page that puts a NUL inside a
// word wherever a character straddles the boundary (seen as "按机构名称�搜索"). HTML never carries a literal
// NUL, so the response stream drops them.
import { Transform } from "node:stream";

export function withoutNulBytes(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (!chunk.includes(0)) {
        done(null, chunk);
        return;
      }
      const out = Buffer.allocUnsafe(chunk.length);
      let n = 0;
      for (const byte of chunk) if (byte !== 0) out[n++] = byte;
      done(null, out.subarray(0, n));
    },
  });
}
