import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

// A router of a few lines: the editor has four pages, and owning navigation lets one place
// ask "leave with unsaved changes?" for links, programmatic moves and the back button alike.

type Guard = () => string | null;
const listeners = new Set<() => void>();
let guard: Guard | null = null;
let shownPath = window.location.pathname;

const notify = () => {
  shownPath = window.location.pathname;
  listeners.forEach((listener) => listener());
};

const mayLeave = () => {
  const question = guard?.();
  return !question || window.confirm(question);
};

window.addEventListener('popstate', () => {
  if (window.location.pathname === shownPath) return;
  if (!mayLeave()) {
    // Put the page the user is still on back into the address bar.
    window.history.pushState(null, '', shownPath);
    return;
  }
  notify();
});

/** Registers the question to ask before leaving the current page (null: nothing to lose). */
export function setNavigationGuard(next: Guard | null): void {
  guard = next;
}

export function navigate(path: string, { replace = false } = {}): boolean {
  if (path === window.location.pathname) return true;
  if (!mayLeave()) return false;
  if (replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  notify();
  return true;
}

export function usePath(): string {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => window.location.pathname,
  );
}

export function Link({
  href,
  onClick,
  ...props
}: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
      return;
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={follow} {...props} />;
}
