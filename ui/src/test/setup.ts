import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// findBy… waits out a render that a busy machine makes slow; the default is one second.
configure({ asyncUtilTimeout: 10_000 });

afterEach(() => cleanup());
