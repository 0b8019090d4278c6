import { describe, expect, it } from 'vitest';
import { programFilter, programLabel } from './processes';

describe('programs', () => {
  it('filters by name, with the quotes and backslashes of an odd name escaped', () => {
    expect(programFilter('curl')).toBe('proc.name == "curl"');
    expect(programFilter('Web "Content"\\x')).toBe('proc.name == "Web \\"Content\\"\\\\x"');
  });

  it('labels a program by name and pid, or by pid alone when the OS gave no name', () => {
    expect(programLabel({ pid: 4242, name: 'curl' })).toBe('curl (4242)');
    expect(programLabel({ pid: 4 })).toBe('pid 4');
  });
});
