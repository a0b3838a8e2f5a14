import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const workflowSource = fileURLToPath(new URL('../../packages/workflow/src/index.ts', import.meta.url));
const apiSource = fileURLToPath(new URL('../../packages/api/src/index.ts', import.meta.url));
const engineSource = fileURLToPath(new URL('../../packages/engine/src/index.ts', import.meta.url));

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: {
      '@leadflow/workflow': workflowSource,
      '@leadflow/api': apiSource,
      '@leadflow/engine': engineSource,
    },
  },
  // LEADFLOW_API points the dev server's /api proxy at a server on another port.
  server: { proxy: { '/api': process.env.LEADFLOW_API || 'http://127.0.0.1:3000' } },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
});
