// The HTML stream never carries a NUL byte, wherever a Chinese character falls against React's
// 2048-byte streaming buffer (app/utils/stream.server.ts).
import { Writable } from "node:stream";
import { createElement } from "react";
import { renderToPipeableStream, renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { withoutNulBytes } from "../../app/utils/stream.server";

function streamed(element: ReturnType<typeof createElement>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    sink.on("finish", () => resolve(Buffer.concat(chunks)));
    const { pipe } = renderToPipeableStream(element, {
      onAllReady() {
        pipe(withoutNulBytes()).pipe(sink);
      },
      onError: reject,
    });
  });
}

describe("the HTML stream", () => {
  it("has no NUL bytes when a multi-byte character straddles the renderer's buffer", async () => {
    // short chunks fill the buffer; the padding moves a 3-byte character across its boundary at every offset
    for (let pad = 0; pad < 6; pad += 1) {
      const element = createElement(
        "div",
        null,
        ...Array.from({ length: 18 }, (_, i) => createElement("p", { key: i }, "x".repeat(100))),
        createElement("p", { key: "pad" }, "y".repeat(pad + 1)),
        createElement("p", { key: "zh" }, "按机构名称搜索运营补贴批次".repeat(3)),
      );
      const html = await streamed(element);
      expect(html.includes(0)).toBe(false);
      expect(html.toString("utf8")).toBe(renderToStaticMarkup(element));
    }
  });
});
