import type { ProcessRef } from './types';

/** The display filter that shows one program's packets: proc.name == "curl", quotes and backslashes escaped. */
export function programFilter(name: string): string {
  return `proc.name == "${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** A program as a cell shows it: its name and pid, "curl (4242)"; the pid alone when the OS gave no name. */
export function programLabel(process: ProcessRef): string {
  return process.name ? `${process.name} (${process.pid})` : `pid ${process.pid}`;
}
