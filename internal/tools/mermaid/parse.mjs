// parse.mjs parses Mermaid erDiagram files with the real Mermaid library and
// prints, as JSON, what Mermaid understood: the entities with their
// attributes and the relationships with their cardinalities. ergen's tests
// compare that with the model, so a diagram that parses but says something
// else (a swapped crow's foot, a lost entity) fails too.
//
// usage: node parse.mjs FILE...   (one JSON object per file, as an array)
//
// Mermaid is resolved from ERGEN_NODE_MODULES when set, else from the
// node_modules beside this script (npm ci in this directory).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const modules = process.env.ERGEN_NODE_MODULES || path.join(here, 'node_modules');
const require = createRequire(path.join(modules, 'noop.js'));
const entry = require.resolve('mermaid');
const { default: mermaid } = await import(pathToFileURL(entry).href);

// Mermaid names the marker beside entityA cardB, and the one beside
// entityB cardA; report them by the entity they sit next to.
const results = [];
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, 'utf8');
  const out = { file };
  try {
    await mermaid.parse(text);
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    out.type = diagram.type;
    const db = diagram.db;
    const byId = new Map();
    out.entities = [];
    if (typeof db.getEntities === 'function') {
      for (const [name, e] of db.getEntities()) {
        byId.set(e.id, name);
        out.entities.push({
          name,
          alias: e.alias || '',
          attributes: (e.attributes || []).map((a) => ({
            type: a.type, name: a.name, keys: a.keys || [], comment: a.comment || '',
          })),
        });
      }
      out.relationships = db.getRelationships().map((r) => ({
        left: byId.get(r.entityA) ?? r.entityA,
        right: byId.get(r.entityB) ?? r.entityB,
        leftCard: r.relSpec.cardB,
        rightCard: r.relSpec.cardA,
        identifying: r.relSpec.relType === 'IDENTIFYING',
        label: r.roleA,
      }));
    }
  } catch (e) {
    out.error = String(e && e.message ? e.message : e);
  }
  results.push(out);
}
process.stdout.write(JSON.stringify(results, null, 1) + '\n');
