import type { KeyboardEvent } from 'react';
import type { DetailNode } from '../types';

/** A node's place in the tree: child indexes joined by dots ("2.0.1"). */
export type NodePath = string;

export interface DetailTreeProps {
  layers: DetailNode[];
  expanded: ReadonlySet<NodePath>;
  selected: NodePath | null;
  onToggle: (path: NodePath) => void;
  onSelect: (path: NodePath) => void;
}

/** The packet's layers as Wireshark shows them: one line per field, its filter name on hover; hidden nodes are left out. */
export function DetailTree({ layers, expanded, selected, onToggle, onSelect }: DetailTreeProps) {
  const visible: { node: DetailNode; path: NodePath; depth: number }[] = [];
  const walk = (nodes: DetailNode[], prefix: string, depth: number) => {
    nodes.forEach((node, index) => {
      if (node.hidden) return;
      const path = prefix ? `${prefix}.${index}` : String(index);
      visible.push({ node, path, depth });
      if (hasShownChildren(node) && expanded.has(path)) walk(node.children, path, depth + 1);
    });
  };
  walk(layers, '', 0);

  const onKeyDown = (event: KeyboardEvent) => {
    const at = visible.findIndex((item) => item.path === selected);
    const current = visible[at];
    const go = (index: number) => {
      const item = visible[Math.max(0, Math.min(visible.length - 1, index))];
      if (item) onSelect(item.path);
    };
    switch (event.key) {
      case 'ArrowDown': go(at + 1); break;
      case 'ArrowUp': go(at < 0 ? 0 : at - 1); break;
      case 'ArrowRight':
        if (current && hasShownChildren(current.node) && !expanded.has(current.path)) onToggle(current.path);
        else go(at + 1);
        break;
      case 'ArrowLeft':
        if (current && expanded.has(current.path)) onToggle(current.path);
        else if (current?.path.includes('.')) onSelect(current.path.slice(0, current.path.lastIndexOf('.')));
        break;
      case 'Enter':
      case ' ':
        if (current && hasShownChildren(current.node)) onToggle(current.path);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  return (
    <div className="detail-tree" role="tree" aria-label="Packet details" tabIndex={0} onKeyDown={onKeyDown}
         aria-activedescendant={selected ? `field-${selected}` : undefined}>
      {visible.map(({ node, path, depth }) => {
        const open = expanded.has(path);
        return (
          <div
            key={path}
            id={`field-${path}`}
            role="treeitem"
            aria-level={depth + 1}
            aria-expanded={hasShownChildren(node) ? open : undefined}
            aria-selected={path === selected}
            data-field={node.name}
            className={`tree-item${path === selected ? ' selected' : ''}`}
            style={{ paddingLeft: depth * 16 + 4 }}
            title={node.name}
            onClick={() => onSelect(path)}
            onDoubleClick={() => hasShownChildren(node) && onToggle(path)}
          >
            <span
              className="twisty"
              aria-hidden
              onClick={(event) => {
                event.stopPropagation();
                if (hasShownChildren(node)) onToggle(path);
              }}
            >
              {hasShownChildren(node) ? (open ? '▾' : '▸') : ''}
            </span>
            {node.label}
          </div>
        );
      })}
    </div>
  );
}

/** True when a node has a child to show: its hidden ones do not count. */
function hasShownChildren(node: DetailNode): boolean {
  return node.children.some((child) => !child.hidden);
}

/** The node at a path. */
export function nodeAt(layers: DetailNode[], path: NodePath): DetailNode | null {
  let nodes = layers;
  let node: DetailNode | null = null;
  for (const part of path.split('.')) {
    node = nodes[Number(part)] ?? null;
    if (!node) return null;
    nodes = node.children;
  }
  return node;
}

/** The narrowest shown field that covers a byte, as Wireshark picks it when a byte is clicked. */
export function fieldAtByte(layers: DetailNode[], offset: number): NodePath | null {
  let best: { path: NodePath; length: number } | null = null;
  const walk = (nodes: DetailNode[], prefix: string) => {
    nodes.forEach((node, index) => {
      if (node.hidden) return;
      const path = prefix ? `${prefix}.${index}` : String(index);
      if (node.length > 0 && offset >= node.offset && offset < node.offset + node.length) {
        if (!best || node.length <= best.length) best = { path, length: node.length };
      }
      walk(node.children, path);
    });
  };
  walk(layers, '');
  return best === null ? null : (best as { path: NodePath }).path;
}

/** Every ancestor of a path, for opening the tree down to it. */
export function ancestorsOf(path: NodePath): NodePath[] {
  const parts = path.split('.');
  return parts.slice(0, -1).map((_, index) => parts.slice(0, index + 1).join('.'));
}
