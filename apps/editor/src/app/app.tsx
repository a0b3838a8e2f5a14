import { useEffect } from 'react';
import { useFieldsSync } from '../api/queries';
import { EditorPage } from '../workflows/editor/editor-page';
import { editorKey } from '../workflows/editor/new-workflow';
import { FieldsPage } from '../fields/fields-page';
import { LeadsPage } from '../leads/leads-page';
import { ManagersPage } from '../managers/managers-page';
import { WorkflowsPage } from '../workflows/workflows-page';
import { Link, navigate, usePath } from '../components/router';

const SECTIONS = [
  { href: '/workflows', label: 'Workflows' },
  { href: '/managers', label: 'Managers' },
  { href: '/leads', label: 'Leads' },
  { href: '/fields', label: 'Fields' },
];

function Page({ path }: { path: string }) {
  const editor = /^\/workflows\/([^/]+)$/.exec(path);
  if (editor) {
    const id = decodeURIComponent(editor[1]);
    return <EditorPage key={editorKey(id)} id={id} />;
  }
  if (path === '/workflows') return <WorkflowsPage />;
  if (path === '/managers') return <ManagersPage />;
  if (path === '/leads') return <LeadsPage />;
  const lead = /^\/leads\/([^/]+)$/.exec(path);
  if (lead) return <LeadsPage openId={decodeURIComponent(lead[1])} />;
  if (path === '/fields') return <FieldsPage />;
  return (
    <section className="page">
      <h1>Not found</h1>
      <p>
        There is no page at <code>{path}</code>. <Link href="/workflows">Go to the workflows</Link>.
      </p>
    </section>
  );
}

export function App() {
  const path = usePath();
  useFieldsSync();
  useEffect(() => {
    if (path === '/') navigate('/workflows', { replace: true });
  }, [path]);
  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">Leadflow</span>
        <nav aria-label="Sections">
          {SECTIONS.map((section) => (
            <Link
              key={section.href}
              href={section.href}
              aria-current={path === section.href || path.startsWith(`${section.href}/`) ? 'page' : undefined}
            >
              {section.label}
            </Link>
          ))}
        </nav>
      </header>
      <main>{path === '/' ? null : <Page path={path} />}</main>
    </div>
  );
}
