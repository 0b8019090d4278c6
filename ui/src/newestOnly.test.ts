import { describe, expect, it } from 'vitest';
import { newestOnly } from './newestOnly';

/** A load whose answers the test releases in any order. */
function pendingLoads() {
  const pending: ((value: string) => void)[] = [];
  const load = () => new Promise<string>((resolve) => pending.push(resolve));
  return { load, pending };
}

describe('newestOnly', () => {
  it('drops an older answer that arrives after a newer one', async () => {
    const { load, pending } = pendingLoads();
    const applied: string[] = [];
    const refresh = newestOnly(load, (value) => applied.push(value));

    const first = refresh();
    const second = refresh();
    pending[1]('after the upload');
    await second;
    pending[0]('before the upload');
    await first;

    expect(applied).toEqual(['after the upload']);
  });

  it('applies answers that arrive in order', async () => {
    const { load, pending } = pendingLoads();
    const applied: string[] = [];
    const refresh = newestOnly(load, (value) => applied.push(value));

    const first = refresh();
    pending[0]('one');
    await first;
    const second = refresh();
    pending[1]('two');
    await second;

    expect(applied).toEqual(['one', 'two']);
  });

  it('passes a failed load on to the caller', async () => {
    const refresh = newestOnly(() => Promise.reject(new Error('server gone')), () => undefined);

    await expect(refresh()).rejects.toThrow('server gone');
  });
});
