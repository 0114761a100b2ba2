import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { currentLauncher } from '../dependencies.js';
import { toLiteral } from './literal.js';

/** The folder with `*.hbs` templates and `partials/*.hbs`. */
export const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

/**
 * Escaping policy: templates are compiled with `noEscape` (HTML escaping would corrupt TypeScript) and `strict`
 * (a missing view field throws instead of printing nothing; the `json` helper refuses `undefined` for the same
 * reason). So nothing is escaped implicitly: a template may print (a) identifiers the model validated, (b) comment
 * lines already passed through `sanitizeForComment`, (c) code the view model built from `toLiteral` pieces, and
 * (d) any other value ONLY through the `json` helper, which prints a JS literal. Handlebars makes one pass, so
 * `{{` inside a value is printed as it is. test/hostile/template-policy.test.ts holds templates and view to this:
 * every raw `{{field}}` must be classified there.
 */
export interface TemplateRenderer {
  render(name: string, view: object): string;
}

/** How every template and partial is compiled (see the escaping policy above). */
const COMPILE_OPTIONS = { strict: true, noEscape: true } as const;

/**
 * An isolated handlebars environment with our partials and the `json` helper; templates compiled once per renderer.
 * Under the built command, compiled templates are kept in the launcher's cache folder (`cacheDir` here), keyed by
 * handlebars' version, the options and the template's text: handlebars' parser and code generator run cold in every
 * process and cost ~45 ms for our templates, while turning a precompiled template back into a function takes ~2 ms.
 */
export function createRenderer(dir: string = TEMPLATES_DIR, cacheDir: string | undefined = currentLauncher()?.templateCacheDir): TemplateRenderer {
  const hbs = Handlebars.create();
  hbs.registerHelper('json', printLiteral);
  const compile = (text: string): Handlebars.TemplateDelegate => hbs.template(precompiled(hbs, text, cacheDir));
  const partialsDir = `${dir}/partials`;
  for (const file of safeList(partialsDir).filter((f) => f.endsWith('.hbs')).sort()) {
    hbs.registerPartial(file.replace(/\.hbs$/, ''), compile(readFileSync(`${partialsDir}/${file}`, 'utf8')));
  }
  const compiled = new Map<string, Handlebars.TemplateDelegate>();
  return {
    render(name, view) {
      let template = compiled.get(name);
      if (!template) {
        template = compile(readFileSync(`${dir}/${name}.hbs`, 'utf8'));
        compiled.set(name, template);
      }
      return template(view);
    },
  };
}

/**
 * The precompiled form of a template (handlebars' template spec), from the cache when it holds this text, else
 * compiled now and stored. The stored file is the source handlebars' own precompiler prints; a cache that cannot be
 * read or written only costs the compile.
 */
function precompiled(hbs: typeof Handlebars, text: string, cacheDir: string | undefined): TemplateSpecification {
  const key = createHash('sha256').update(`${Handlebars.VERSION}\n${JSON.stringify(COMPILE_OPTIONS)}\n${text}`).digest('hex');
  const file = cacheDir === undefined ? undefined : join(cacheDir, `${key}.js`);
  if (file !== undefined) {
    try {
      return specFromSource(readFileSync(file, 'utf8'));
    } catch {
      // not cached yet (or unreadable): compile below
    }
  }
  const source = hbs.precompile(text, COMPILE_OPTIONS) as string;
  if (file !== undefined) {
    try {
      mkdirSync(cacheDir!, { recursive: true });
      const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
      writeFileSync(temp, source);
      renameSync(temp, file); // whole or not at all, also with runs side by side
    } catch {
      // a cache only saves time
    }
  }
  return specFromSource(source);
}

type TemplateSpecification = Parameters<typeof Handlebars.template>[0];

/** Handlebars' precompiled output is a JavaScript object literal: the spec `Handlebars.template` takes. */
function specFromSource(source: string): TemplateSpecification {
  return new Function(`return (${source});`)() as TemplateSpecification;
}

/**
 * The `json` helper. Strict mode does not cover helper arguments (`{{json missing}}` receives `undefined`), so a
 * missing field is refused here rather than printed as `undefined`.
 */
function printLiteral(...args: unknown[]): string {
  if (args.length !== 2 || args[0] === undefined) {
    throw new Error('`json` helper: takes exactly one value, and it is undefined (a missing view field?)');
  }
  return toLiteral(args[0]);
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
