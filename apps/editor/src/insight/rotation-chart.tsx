import { when } from '../components/format';
import { barColor, barWidth, percent, type RotationFigures } from './rotation-figures';

function Bar({ share, color, expected }: { share: number | null; color: string; expected?: number }) {
  return (
    <span className="bar" aria-hidden="true">
      <span className="bar-fill" style={{ width: barWidth(share), background: color }} />
      {expected !== undefined && <span className="bar-expected" style={{ left: barWidth(expected) }} />}
    </span>
  );
}

/**
 * How a rotation's leads are spread: per value a bar as long as its share of all leads given, with
 * the count and the share in words beside it (the table is the text equivalent), the same for the
 * last 7 days, and with weights a mark at the share the weight asks for.
 */
export function RotationChart({ figures }: { figures: RotationFigures }) {
  const weighted = figures.bars.some((bar) => bar.expected !== undefined);
  return (
    <>
      <table className="table compact rotation-chart" aria-label="Leads given per value">
        <thead>
          <tr>
            <th scope="col">Value</th>
            <th scope="col">Given</th>
            <th scope="col">7 days</th>
            <th scope="col">Last</th>
          </tr>
        </thead>
        <tbody>
          {figures.bars.map((bar, index) => (
            <tr key={bar.value} className={bar.onList ? undefined : 'muted'} data-value={bar.value}>
              <th scope="row" title={bar.value}>
                {bar.label}
                {!bar.onList && <small className="hint"> (no longer listed)</small>}
              </th>
              <td className="bar-cell">
                <Bar share={bar.share} color={barColor(index)} expected={bar.expected} />
                <span className="bar-figure">
                  {bar.given.toLocaleString()} · {percent(bar.share)}
                  {bar.expected !== undefined && (
                    <small className="hint"> (weight {percent(bar.expected)})</small>
                  )}
                </span>
              </td>
              <td className="bar-cell">
                <Bar share={bar.shareLast7Days} color={barColor(index)} />
                <span className="bar-figure">{bar.givenLast7Days.toLocaleString()}</span>
              </td>
              <td>{when(bar.lastGivenAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">
        {figures.total === 0
          ? 'Nothing given yet.'
          : `${figures.total.toLocaleString()} given in all, ${figures.totalLast7Days.toLocaleString()} in the last 7 days.`}
        {weighted && ' The mark on a bar is the share its weight asks for.'}
      </p>
    </>
  );
}

/** The distribution in one thin stacked bar, for the canvas node; its label says it in words. */
export function RotationMiniBar({ figures }: { figures: RotationFigures }) {
  const words =
    figures.total === 0
      ? 'Nothing given yet'
      : `Given: ${figures.bars
          .filter((bar) => bar.given > 0)
          .map((bar) => `${bar.label} ${bar.given.toLocaleString()} (${percent(bar.share)})`)
          .join(', ')}`;
  return (
    <div className="mini-bar" role="img" aria-label={words} title={words}>
      {figures.bars.map((bar, index) =>
        bar.given > 0 ? (
          <span key={bar.value} style={{ width: barWidth(bar.share), background: barColor(index) }} />
        ) : null,
      )}
    </div>
  );
}
