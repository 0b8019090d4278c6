import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatRate, Sparkline } from './Sparkline';

const points = (container: HTMLElement) =>
  (container.querySelector('polyline')?.getAttribute('points') ?? '').split(' ').filter(Boolean)
    .map((point) => point.split(',').map(Number));

describe('Sparkline', () => {
  it('draws one point a sample, right-aligned, scaled to the peak', () => {
    const { container } = render(<Sparkline samples={[0, 500, 1000, 250]} width={240} height={40} span={5} />);
    // Five samples span 240px: 60px apart; the first of four starts one step in.
    expect(points(container)).toEqual([[60, 39], [120, 20], [180, 1], [240, 29.5]]);
    expect(screen.getByRole('img')).toHaveAccessibleName('peak 1.0k packets per second');
    expect(screen.getByTestId('current-rate')).toHaveTextContent('250');
    expect(screen.getByLabelText('Packets per second, last 5 seconds')).toHaveTextContent('250 packets/s');
  });

  it('keeps only the last span of samples', () => {
    const samples = Array.from({ length: 90 }, (_, index) => index * 200);
    const { container } = render(<Sparkline samples={samples} span={60} />);
    const drawn = points(container);
    expect(drawn).toHaveLength(60);
    expect(drawn[0][0]).toBe(0);
    expect(drawn[59]).toEqual([240, 1]);
    expect(screen.getByTestId('current-rate')).toHaveTextContent('18k');
  });

  it('draws no line until there are two samples, and shows a rate of 0 with none', () => {
    const { container, rerender } = render(<Sparkline samples={[]} />);
    expect(container.querySelector('polyline')).toBeNull();
    expect(screen.getByTestId('current-rate')).toHaveTextContent(/^0$/);
    rerender(<Sparkline samples={[42]} />);
    expect(container.querySelector('polyline')).toBeNull();
    expect(screen.getByTestId('current-rate')).toHaveTextContent('42');
    rerender(<Sparkline samples={[42, 43]} />);
    expect(points(container)).toHaveLength(2);
  });
});

describe('formatRate', () => {
  it.each([
    [0, '0'],
    [0.4, '0'],
    [12.6, '13'],
    [999, '999'],
    [999.6, '1.0k'],
    [1_000, '1.0k'],
    [9_949, '9.9k'],
    [9_960, '10k'],
    [10_000, '10k'],
    [148_810, '149k'],
    [999_499, '999k'],
    [999_500, '1.0M'],
    [999_999, '1.0M'],
    [1_000_000, '1.0M'],
    [14_880_952, '14.9M'],
  ])('%d packets a second read %s', (value, text) => {
    expect(formatRate(value)).toBe(text);
  });
});
