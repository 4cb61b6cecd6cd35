/** Typographic defaults of the layout engine, in one place (points unless said otherwise). */
export const LAYOUT_DEFAULTS = {
  size: 'A4',
  orientation: 'portrait',
  /** Page margins in mm: top, right, bottom, left. Header and footer sit inside the top and bottom margins. */
  margins: [22, 18, 22, 18],
  fontSize: 10.5,
  lineHeight: 1.32,
  textColor: '#1F2933',
  accent: '#1D4E89',
  muted: '#5F6B7A',
  rule: '#C9D1DA',
  ruleStrong: '#7B8794',
  headerFill: '#EDF1F5',
  noteLine: '#B8C2CC',
  headings: {
    h1: { scale: 1.9, before: 16, after: 8 },
    h2: { scale: 1.4, before: 14, after: 6 },
    h3: { scale: 1.15, before: 10, after: 4 },
  },
  furnitureSize: 8,
  /** Distance in mm between the body and the header/footer baseline. */
  furnitureGap: 8,
  cellPadX: 5,
  cellPadY: 3.5,
  boxPadding: 3,
  noteLineSpacing: 8,
} as const;
