// docs/benchmark.svg: the benchmark's ratios as horizontal bars, drawn by hand (a few rects
// and texts), so the README can show them without a chart library.

export interface Bar {
  label: string;
  /** The ratio the bar shows (1 = as long as the reference). */
  value: number;
  /** Draw this bar in the highlight colour (this package). */
  ours?: boolean;
}

export interface Panel {
  title: string;
  bars: Bar[];
}

const WIDTH = 720;
const LABEL_WIDTH = 250;
const BAR_AREA = WIDTH - LABEL_WIDTH - 80;
const BAR_HEIGHT = 20;
const GAP = 8;
const TITLE_HEIGHT = 34;

/**
 * An SVG document with one block of bars per panel; each panel is scaled to its own largest
 * value, with a dashed line at 1x.
 * @example
 * writeFileSync("docs/benchmark.svg", barChart("Title", [{ title: "x JSON.parse", bars: [{ label: "JSON.parse", value: 1 }] }], "note"));
 */
export function barChart(title: string, panels: readonly Panel[], footnote: string): string {
  const parts: string[] = [];
  let y = 36;
  parts.push(text(16, 24, title, 'font-size="16" font-weight="bold"'));
  for (const panel of panels) {
    y += 10;
    parts.push(text(16, y + 16, panel.title, 'font-size="13" font-weight="bold"'));
    y += TITLE_HEIGHT - 8;
    const max = Math.max(1, ...panel.bars.map((bar) => bar.value));
    const scale = BAR_AREA / max;
    const top = y;
    for (const bar of panel.bars) {
      const width = Math.max(1, bar.value * scale);
      const fill = bar.ours ? "#2f7d32" : "#8a8f98";
      parts.push(text(LABEL_WIDTH - 8, y + 15, bar.label, 'text-anchor="end"'));
      parts.push(
        `<rect x="${LABEL_WIDTH}" y="${y}" width="${width.toFixed(1)}" height="${BAR_HEIGHT}" fill="${fill}" rx="2"/>`,
      );
      parts.push(text(Math.round(LABEL_WIDTH + width + 6), y + 15, `${bar.value.toFixed(2)}x`));
      y += BAR_HEIGHT + GAP;
    }
    const one = (LABEL_WIDTH + scale).toFixed(1);
    parts.push(
      `<line x1="${one}" y1="${top - 4}" x2="${one}" y2="${y - GAP + 4}" stroke="#333" stroke-dasharray="3 3"/>`,
    );
    y += 6;
  }
  y += 8;
  parts.push(text(16, y, footnote, 'font-size="11" fill="#555"'));
  const height = y + 14;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif" font-size="12" role="img" aria-label="${escapeXml(title)}">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    ...parts,
    "</svg>",
    "",
  ].join("\n");
}

function text(x: number, y: number, content: string, attributes = ""): string {
  return `<text x="${x}" y="${y}" ${attributes}>${escapeXml(content)}</text>`;
}

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
