// Builds the generator's chunks (src/launch/chunks.js) with esbuild into the build folder and records, for each, the
// files it was built from (src/launch/manifest.js). The command rebuilds stale chunks itself before it runs them;
// `npm install` runs this file once (`prepare`), so the first `npm run generate` finds everything built and warm.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CHUNKS, GENERATOR_EXTERNALS } from './chunks.js';
import { buildIdOf, inputRecord, manifestPath, MANIFEST_FORMAT, sha256, writeAtomic } from './manifest.js';

/**
 * Code that every chunk starts with: a bundled module's `import.meta` describes the file it came from (templates,
 * the client runtime and createRequire() are found relative to it). `__zcRoot` is the repository root the launcher
 * passes in.
 */
const BANNER = [
  'var __zcImportMeta = (p) => {',
  '  const path = require("node:path"), url = require("node:url"), file = path.join(__zcRoot, p);',
  '  const resolve = (id) => url.pathToFileURL(require("node:module").createRequire(file).resolve(id)).href;',
  '  return { url: url.pathToFileURL(file).href, filename: file, dirname: path.dirname(file), resolve };',
  '};',
].join('\n');

const LOADERS = { '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.js': 'js', '.mjs': 'js', '.cjs': 'js', '.json': 'json' };

/** Chunk files of other builds are removed once this old (a run started before the rebuild may still load them). */
const KEEP_OLD_CHUNKS_MS = 60 * 60 * 1000;

/**
 * Builds the named chunks (the others keep their manifest entries), writes them and a new manifest. Returns the
 * manifest. Several processes may build at once: every file is written under a temporary name and renamed into
 * place, and chunk files are named by their content, so a reader always finds the chunks its manifest names.
 */
export async function buildChunks({ root, buildDir, builder, names, previous }) {
  const esbuild = await import(pathToFileURL(pathFromRoot(root, 'esbuild')).href);
  mkdirSync(buildDir, { recursive: true });
  const chunks = { ...(previous?.chunks ?? {}) };
  const built = await Promise.all(names.map((name) => buildChunk(esbuild, root, buildDir, name)));
  names.forEach((name, i) => (chunks[name] = built[i]));
  for (const name of Object.keys(chunks)) if (!(name in CHUNKS)) delete chunks[name];
  const manifest = { format: MANIFEST_FORMAT, root, builder, buildId: buildIdOf(chunks), chunks };
  writeAtomic(manifestPath(buildDir), `${JSON.stringify(manifest, null, 1)}\n`);
  removeOldChunks(buildDir, manifest);
  return manifest;
}

/** The file a module id resolves to from the root. */
function pathFromRoot(root, id) {
  return createRequire(join(root, 'package.json')).resolve(id);
}

async function buildChunk(esbuild, root, buildDir, name) {
  const spec = CHUNKS[name];
  const inputs = new Map();
  if (spec.direct) {
    const file = pathFromRoot(root, spec.direct);
    const bytes = track(inputs, root, file);
    return { file, hash: sha256(bytes), inputs: [...inputs.values()] };
  }
  const result = await esbuild.build({
    ...(spec.entry ? { entryPoints: [join(root, spec.entry)] } : { stdin: { contents: spec.source, resolveDir: root, sourcefile: `${name}-chunk.js`, loader: 'js' } }),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    banner: { js: BANNER },
    logLevel: 'silent',
    // an `import.meta` left over would be empty in a chunk: refuse to build rather than run wrong code
    logOverride: { 'empty-import-meta': 'error' },
    plugins: [externalsPlugin(root, name), trackingPlugin(esbuild, root, inputs)],
  });
  const contents = result.outputFiles[0].contents;
  const hash = sha256(contents);
  const file = `${name}-${hash.slice(0, 16)}.cjs`;
  writeAtomic(join(buildDir, file), contents);
  // what esbuild reads besides the modules: the TypeScript settings, and each package's package.json (entry points,
  // module format)
  for (const path of [...inputs.keys()]) {
    const manifest = packageJsonOf(join(root, path));
    if (manifest) track(inputs, root, manifest);
  }
  if (spec.entry) for (const own of ['tsconfig.json', 'package.json']) track(inputs, root, join(root, own));
  return { file, hash, inputs: [...inputs.values()].sort((a, b) => (a.path < b.path ? -1 : 1)) };
}

/** The package.json of the package a file in node_modules belongs to. */
function packageJsonOf(file) {
  const parts = file.split(sep);
  const at = parts.lastIndexOf('node_modules');
  if (at === -1) return undefined;
  const name = parts[at + 1]?.startsWith('@') ? 2 : 1;
  return [...parts.slice(0, at + 1 + name), 'package.json'].join(sep);
}

/**
 * Which imports a chunk leaves to the launcher: the generator's chunks leave all four dependencies; the dependency
 * chunks leave TypeScript, so that one copy serves all (ts-morph's `./typescript` too, when its TypeScript is the
 * same minor version as ours; else it keeps its own).
 */
function externalsPlugin(root, name) {
  return {
    name: 'zenskar-externals',
    setup(build) {
      if (CHUNKS[name].entry) {
        build.onResolve({ filter: GENERATOR_EXTERNALS }, (args) => ({ path: args.path, external: true }));
        return;
      }
      build.onResolve({ filter: /^typescript$/ }, () => ({ path: 'typescript', external: true }));
      if (name === 'ts-morph' && tsMorphCanShareTypeScript(root)) {
        const common = `${sep}@ts-morph${sep}common${sep}`;
        build.onResolve({ filter: /^\.\/typescript$/ }, (args) => (args.importer.includes(common) ? { path: 'typescript', external: true } : undefined));
      }
    },
  };
}

/** Whether TypeScript and the copy ts-morph bundles are the same major.minor version (patch releases fix bugs only). */
function tsMorphCanShareTypeScript(root) {
  const minor = (file) => /var versionMajorMinor = "([^"]+)"/.exec(readFileSync(file, 'latin1').slice(0, 200_000))?.[1];
  const ours = minor(pathFromRoot(root, 'typescript'));
  const common = createRequire(pathFromRoot(root, 'ts-morph')).resolve('@ts-morph/common');
  const theirs = minor(join(dirname(common), 'typescript.js'));
  return ours !== undefined && ours === theirs;
}

/**
 * Loads every input itself, so that what is recorded is exactly what was bundled. A module that uses `import.meta`
 * gets its own, describing the file it came from: esbuild's parser finds the uses (text inside strings is left alone).
 */
function trackingPlugin(esbuild, root, inputs) {
  return {
    name: 'zenskar-inputs',
    setup(build) {
      build.onLoad({ filter: /.*/, namespace: 'file' }, async (args) => {
        const loader = LOADERS[extname(args.path)];
        if (!loader) throw new Error(`no loader for ${args.path}`);
        const bytes = track(inputs, root, args.path);
        if (!bytes.includes('import.meta')) return { contents: bytes, loader };
        const { code } = await esbuild.transform(bytes, {
          loader,
          format: 'esm',
          define: { 'import.meta': '__zcMeta' },
          ...(loader === 'ts' ? { tsconfigRaw: readFileSync(join(root, 'tsconfig.json'), 'utf8') } : {}),
        });
        return { contents: `var __zcMeta = __zcImportMeta(${JSON.stringify(relative(root, args.path))});\n${code}`, loader: 'js' };
      });
    },
  };
}

/** Reads an input and records how to tell later whether it changed (manifest.js, `inputRecord`). */
function track(inputs, root, file) {
  const stat = statSync(file);
  const statAt = Date.now();
  const bytes = readFileSync(file);
  const path = relative(root, file);
  inputs.set(path, inputRecord(path, stat, statAt, bytes));
  return bytes;
}

function removeOldChunks(buildDir, manifest) {
  const current = new Set(Object.values(manifest.chunks).map((c) => c.file));
  const now = Date.now();
  for (const entry of readdirSync(buildDir)) {
    if (current.has(entry) || !/\.(cjs|tmp)$/.test(entry)) continue;
    const path = join(buildDir, entry);
    try {
      if (now - statSync(path).mtimeMs > KEEP_OLD_CHUNKS_MS) rmSync(path, { force: true });
    } catch {
      // removed by another build meanwhile
    }
  }
}

/**
 * `node src/launch/build.js` (`npm run build`, and `prepare`, which `npm install` and `npm ci` run): rebuilds every
 * chunk, then runs the generator once on the bundled spec without writing anything (`--check`, result cache off), so
 * that V8's code cache holds what a generation compiles (`--no-warm-up` skips that). A failure is reported but never
 * fails the install: the command builds what it needs itself.
 */
async function buildCommand(args) {
  const { cacheDirFor, ensureBuilt, launch } = await import('./launcher.js');
  const root = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
  try {
    await ensureBuilt(root, cacheDirFor(root), { rebuild: true });
    if (args.includes('--no-warm-up')) return;
    const launcher = await launch(root, { cacheResults: false });
    const silent = { write: () => true };
    await launcher.load('main').main(['generate', '--check'], { out: silent, err: silent });
    launcher.saveCodeCaches();
  } catch (err) {
    process.stderr.write(`zenskar-codegen: could not build ahead of time (the command will build when it first runs):\n${err?.stack ?? err}\n`);
  }
}

// not awaited: the launcher imports this module to build, which must not wait for this module's own evaluation
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) void buildCommand(process.argv.slice(2));
