// Trunk post-build hook (Trunk.toml): writes embed.html, the embeddable player, beside the
// built index.html. It is the same page and bundle; `data-player="embed"` on #app tells the
// wasm entry point (src/web/mod.rs) to mount the play-only player instead of the editor.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("embed-page.mjs runs as a Trunk hook (TRUNK_STAGING_DIR is not set)");
const index = readFileSync(join(dir, "index.html"), "utf8");
const embed = index
  .replace('<div id="app">', '<div id="app" data-player="embed">')
  .replace(/<title>[^<]*<\/title>/, "<title>Kaiten player</title>")
  // A player in a sandboxed iframe has an opaque origin: its stylesheet and icon (which
  // carry integrity hashes) load only as CORS requests, as its module script already does.
  .replace(/<link (rel="(?:stylesheet|icon)")/g, '<link crossorigin="anonymous" $1');
if (!embed.includes('data-player="embed"')) throw new Error("index.html has no <div id=\"app\"> to mark");
writeFileSync(join(dir, "embed.html"), embed);
