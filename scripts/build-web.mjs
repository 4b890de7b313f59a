// Builds the release bundle into dist/ as `trunk build --release` does, from the same
// index.html and its `<link data-trunk ...>` tags, so a fresh machine needs no Trunk (10 minutes
// of `cargo install` on two cores): cargo for wasm32, wasm-bindgen, wasm-opt, content-hashed
// names with subresource integrity, the copied files, then scripts/embed-page.mjs as Trunk's
// post-build hook would run it. `scripts/dev build` calls it inside its wasm environment
// (Debian's toolchain with build-std); `trunk serve` keeps working for those who have Trunk.
//
// Usage: node scripts/build-web.mjs [DIST]   (default: dist)
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dist = resolve(root, process.argv[2] ?? "dist");
const stage = `${dist}.stage`;
const targetDir = process.env.CARGO_TARGET_DIR ? resolve(process.env.CARGO_TARGET_DIR) : join(root, "target");

const run = (command, args) => execFileSync(command, args, { cwd: root, stdio: "inherit" });
const digest = (algorithm, bytes, encoding) => createHash(algorithm).update(bytes).digest(encoding);
const integrity = (bytes) => `sha384-${digest("sha384", bytes, "base64")}`;
// Cache busting, as Trunk names files: `NAME-HASH.EXT`.
const hashedName = (name, bytes) => {
  const ext = extname(name);
  return `${basename(name, ext)}-${digest("sha256", bytes, "hex").slice(0, 16)}${ext}`;
};

/** The attributes of one `<link ...>` tag. */
function attributes(tag) {
  const found = {};
  for (const [, name, value] of tag.matchAll(/([\w-]+)(?:="([^"]*)")?/g)) found[name] = value ?? "";
  return found;
}

/** Builds the `data-trunk rel="rust"` app: cargo, wasm-bindgen, wasm-opt. Returns its tags. */
function buildRust(link) {
  const bin = link["data-bin"];
  const profile = link["data-cargo-profile"] ?? "release";
  if (!bin) throw new Error('index.html: the rust link has no data-bin');
  run("cargo", ["build", "--target=wasm32-unknown-unknown", "--profile", profile, "--offline", "--bin", bin]);
  const built = join(targetDir, "wasm32-unknown-unknown", profile, `${bin}.wasm`);
  const bindgen = join(targetDir, "wasm-bindgen-out");
  rmSync(bindgen, { recursive: true, force: true });
  run("wasm-bindgen", ["--target=web", `--out-dir=${bindgen}`, `--out-name=${bin}`, "--no-typescript", built]);
  let wasmPath = join(bindgen, `${bin}_bg.wasm`);
  if (link["data-wasm-opt"] && link["data-wasm-opt"] !== "0") {
    const optimized = join(bindgen, `${bin}_bg.opt.wasm`);
    const params = (link["data-wasm-opt-params"] ?? "").split(/\s+/).filter(Boolean);
    run("wasm-opt", [`--output=${optimized}`, `-O${link["data-wasm-opt"]}`, wasmPath, ...params]);
    wasmPath = optimized;
  }
  if (existsSync(join(bindgen, "snippets"))) throw new Error("wasm-bindgen wrote snippets, which this build does not copy");
  const wasm = readFileSync(wasmPath);
  const js = readFileSync(join(bindgen, `${bin}.js`));
  const hash = digest("sha256", Buffer.concat([wasm, js]), "hex").slice(0, 16);
  const jsName = `${bin}-${hash}.js`;
  const wasmName = `${bin}-${hash}_bg.wasm`;
  writeFileSync(join(stage, jsName), js);
  writeFileSync(join(stage, wasmName), wasm);
  const script = `<script type="module">
import init, * as bindings from '/${jsName}';
const wasm = await init({ module_or_path: '/${wasmName}' });
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));
</script>`;
  const preload =
    `<link rel="modulepreload" href="/${jsName}" crossorigin="anonymous" integrity="${integrity(js)}">` +
    `<link rel="preload" href="/${wasmName}" crossorigin="anonymous" integrity="${integrity(wasm)}" as="fetch" type="application/wasm">`;
  return { script, preload };
}

/** Copies one asset with a hashed name and returns its tag. */
function hashedAsset(link, rel) {
  const bytes = readFileSync(join(root, link.href));
  const name = hashedName(basename(link.href), bytes);
  writeFileSync(join(stage, name), bytes);
  return `<link rel="${rel}" href="/${name}" integrity="${integrity(bytes)}"/>`;
}

rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
let preloads = "";
const page = readFileSync(join(root, "index.html"), "utf8").replace(/<link data-trunk [^>]*>/g, (tag) => {
  const link = attributes(tag);
  switch (link.rel) {
    case "rust": {
      const { script, preload } = buildRust(link);
      preloads += preload;
      return script;
    }
    case "icon":
      return hashedAsset(link, "icon");
    case "css":
      return hashedAsset(link, "stylesheet");
    case "copy-file":
      cpSync(join(root, link.href), join(stage, basename(link.href)));
      return "";
    case "copy-dir":
      cpSync(join(root, link.href), join(stage, link["data-target-path"] ?? basename(link.href)), { recursive: true });
      return "";
    default:
      throw new Error(`index.html: <link data-trunk rel="${link.rel}"> is not one this build knows: ${tag}`);
  }
});
if (!page.includes("</head>")) throw new Error("index.html has no </head>");
writeFileSync(join(stage, "index.html"), page.replace("</head>", `${preloads}</head>`));
// Trunk's post-build hook (Trunk.toml), with the environment Trunk gives it.
execFileSync("node", [join(root, "scripts/embed-page.mjs")], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, TRUNK_STAGING_DIR: stage },
});
rmSync(dist, { recursive: true, force: true });
renameSync(stage, dist);
console.error(`[build-web] ${dist}`);
