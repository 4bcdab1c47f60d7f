// The fonts a document is printed in (../certificates.server.ts), subset per document.
//
// Noto Sans SC (SIL OFL 1.1) from the @expo-google-fonts/noto-sans-sc package: whole static TrueType
// fonts (STACK.md trap 13). pdf-lib's own subsetting (`embedFont(bytes, { subset: true })`, through
// @pdf-lib/fontkit) drops glyphs of this font — the text extracts fine but half the characters render
// blank — so each document's subset is cut by HarfBuzz (subset-font, WebAssembly) from exactly the
// characters it prints, without GSUB/GPOS (fontkit's layout is then a plain cmap look-up: what is
// measured is what is drawn), and pdf-lib embeds that small font as is.
import { createRequire } from "node:module";
import { readFile } from "node:fs/promises";

const requireFromHere = createRequire(import.meta.url);
type SubsetFont = (font: Buffer, text: string, options: { targetFormat: "sfnt"; noHinting?: boolean; noLayoutClosure?: boolean; dropTables?: string[] }) => Promise<Buffer>;
const subsetFont = requireFromHere("subset-font") as SubsetFont;

const FONT_FILES = {
  regular: "@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf",
  bold: "@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf",
} as const;
export type Weight = keyof typeof FONT_FILES;
const fontBytes = new Map<Weight, Promise<Buffer>>();

function loadFont(weight: Weight): Promise<Buffer> {
  let bytes = fontBytes.get(weight);
  if (!bytes) {
    bytes = readFile(requireFromHere.resolve(FONT_FILES[weight]));
    bytes.catch(() => fontBytes.delete(weight));
    fontBytes.set(weight, bytes);
  }
  return bytes;
}

export async function fontSubset(weight: Weight, characters: string): Promise<Buffer> {
  return subsetFont(await loadFont(weight), characters, {
    targetFormat: "sfnt",
    noHinting: true,
    noLayoutClosure: true,
    dropTables: ["GSUB", "GPOS", "GDEF", "vhea", "vmtx", "VORG"],
  });
}
