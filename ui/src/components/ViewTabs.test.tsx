import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { ViewTabs, type View } from './ViewTabs';

function Controlled() {
  const [view, setView] = useState<View>('packets');
  return <ViewTabs view={view} onChange={setView} />;
}

const selected = () => screen.getAllByRole('tab').filter((tab) => tab.getAttribute('aria-selected') === 'true').map((tab) => tab.textContent);

describe('ViewTabs', () => {
  it('marks the shown view, switches on a click, and walks the tabs with the arrow keys', async () => {
    const user = userEvent.setup();
    render(<Controlled />);
    expect(screen.getByRole('tablist', { name: 'Traffic views' })).toBeInTheDocument();
    expect(screen.getAllByRole('tab').map((tab) => tab.textContent)).toEqual(['Packets', 'Flows', 'Processes', 'Protocols']);
    expect(selected()).toEqual(['Packets']);
    expect(screen.getByRole('tab', { name: 'Flows' })).toHaveAttribute('aria-controls', 'view-panel-flows');

    await user.click(screen.getByRole('tab', { name: 'Flows' }));
    expect(selected()).toEqual(['Flows']);
    await user.keyboard('{ArrowRight}');
    expect(selected()).toEqual(['Processes']);
    await user.keyboard('{ArrowRight}');
    expect(selected()).toEqual(['Protocols']);
    expect(screen.getByRole('tab', { name: 'Protocols' })).toHaveFocus();
    await user.keyboard('{ArrowRight}');
    expect(selected()).toEqual(['Packets']);
    await user.keyboard('{ArrowLeft}');
    expect(selected()).toEqual(['Protocols']);
  });
});
