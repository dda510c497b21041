// Tabs as the WAI-ARIA pattern has them: one tab stop for the list, arrow keys (and Home, End) move between tabs
// and show each, and every panel names the tab that labels it. Used for the two views and the result's parts.

export interface Tabs {
  select(id: string): void;
  selected(): string;
}

/** Wires every [role=tab] of the list to the panel its aria-controls names. */
export function createTabs(list: HTMLElement, onSelect: (id: string) => void = () => undefined): Tabs {
  const tabs = [...list.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
  const panelOf = (tab: HTMLElement) => document.getElementById(tab.getAttribute('aria-controls') ?? '');
  let current = tabs.find((t) => t.getAttribute('aria-selected') === 'true') ?? tabs[0]!;

  const select = (tab: HTMLButtonElement, focus: boolean) => {
    for (const other of tabs) {
      const chosen = other === tab;
      other.setAttribute('aria-selected', String(chosen));
      other.tabIndex = chosen ? 0 : -1;
      const panel = panelOf(other);
      if (panel) panel.hidden = !chosen;
    }
    current = tab;
    if (focus) tab.focus();
    onSelect(tab.id);
  };

  for (const tab of tabs) {
    tab.addEventListener('click', () => select(tab, false));
    tab.addEventListener('keydown', (event) => {
      const at = tabs.indexOf(tab);
      const next = event.key === 'ArrowRight' ? tabs[(at + 1) % tabs.length] : event.key === 'ArrowLeft' ? tabs[(at - 1 + tabs.length) % tabs.length] : event.key === 'Home' ? tabs[0] : event.key === 'End' ? tabs[tabs.length - 1] : undefined;
      if (!next) return;
      event.preventDefault();
      select(next, true);
    });
  }
  select(current, false);

  return {
    select(id) {
      const tab = tabs.find((t) => t.id === id);
      if (tab) select(tab, false);
    },
    selected: () => current.id,
  };
}
