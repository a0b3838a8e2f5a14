import { config } from 'zod';

// The server's Content-Security-Policy allows no eval (docs/security.md). zod compiles a faster
// parser per object schema with `new Function` unless told not to, and its probe for whether it
// may is itself a violation the browser reports. main.tsx imports this module first, so the
// setting holds before any schema (in @leadflow/workflow, @leadflow/api) is built; the documents
// the editor parses are small, so the compiled parsers' speed is not missed.
config({ jitless: true });
