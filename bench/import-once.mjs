// One cold start of a bundle, as Lambda's Node.js runtime starts a function: a fresh process imports the
// handler's module. Prints the CPU time (user + system) and wall time the import took, in milliseconds.
// Plain JavaScript, run by plain `node`, so no TypeScript loader weighs on what is measured.
import { pathToFileURL } from 'node:url';

const bundle = process.argv[2];
if (!bundle) throw new Error('usage: node import-once.mjs <bundle.mjs>');
const cpu = process.cpuUsage();
const started = performance.now();
const module = await import(pathToFileURL(bundle).href);
const used = process.cpuUsage(cpu);
const wallMs = performance.now() - started;
if (typeof module.handler !== 'function') throw new Error(`${bundle} exports no handler`);
process.stdout.write(JSON.stringify({ cpuMs: (used.user + used.system) / 1000, wallMs }));
