import { useEffect, useRef, type KeyboardEvent } from 'react';

export interface MenuItem {
  label: string;
  /** Shown, but not chosen, as Wireshark greys out what does not apply. */
  disabled?: boolean;
  onSelect: () => void;
}

export interface ContextMenuProps {
  /** Where it opens, in viewport coordinates. */
  x: number;
  y: number;
  label: string;
  items: MenuItem[];
  onClose: () => void;
}

/**
 * A right-click menu: it takes the focus on its first item, is walked with the arrow keys, and
 * closes on Escape, on a choice, or on a click anywhere else.
 */
export function ContextMenu({ x, y, label, items, onClose }: ContextMenuProps) {
  const menu = useRef<HTMLUListElement>(null);

  useEffect(() => {
    // The first item that can be chosen takes the focus; with none, the menu itself, so that Escape still closes it.
    (menu.current?.querySelector<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])') ?? menu.current)?.focus();
    const outside = (event: MouseEvent) => {
      if (!menu.current?.contains(event.target as Node)) onClose();
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [onClose]);

  const onKeyDown = (event: KeyboardEvent) => {
    const entries = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = entries.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const step = event.key === 'ArrowDown' ? 1 : -1;
      entries[(at + step + entries.length) % entries.length]?.focus();
    } else if (event.key === 'Escape' || event.key === 'Tab') {
      onClose();
    } else {
      return;
    }
    event.preventDefault();
  };

  return (
    <ul ref={menu} role="menu" aria-label={label} className="context-menu" style={{ left: x, top: y }} tabIndex={-1} onKeyDown={onKeyDown}>
      {items.map((item) => (
        <li
          key={item.label}
          role="menuitem"
          tabIndex={-1}
          aria-disabled={item.disabled || undefined}
          onClick={() => {
            if (item.disabled) return;
            onClose();
            item.onSelect();
          }}
          onKeyDown={(event) => {
            if ((event.key === 'Enter' || event.key === ' ') && !item.disabled) {
              event.preventDefault();
              onClose();
              item.onSelect();
            }
          }}
        >
          {item.label}
        </li>
      ))}
    </ul>
  );
}
