// Prints the routes with the roles allowed on each (a Markdown table), generated from the route
// table of the built package: `npx tsc -b && npm run access-table -w packages/api`.
import api from '../dist/index.js';

process.stdout.write(api.accessTableMarkdown(api.accessTable(api.routes)));
