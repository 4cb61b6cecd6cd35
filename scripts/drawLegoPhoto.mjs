// Draws the stand-in "photo" of the reference kit's Lego workshop (kits/capacities/assets/lego-comite-data.png):
// a small committee built from bricks on a baseplate, in isometric view, rasterised here with pngjs.
// Drawn by code for capa, published with the kit under CC-BY-NC-4.0 (see kits/capacities/LICENSE).
// Run: node scripts/drawLegoPhoto.mjs  (the output is deterministic: same bytes every run)
import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';

const W = 2400;
const H = 1600;
const png = new PNG({ width: W, height: H });
const px = png.data;

function set(x, y, [r, g, b]) {
  if (x < 0 || y < 0 || x >= W || y >= H) return;
  const i = (y * W + x) * 4;
  px[i] = r; px[i + 1] = g; px[i + 2] = b; px[i + 3] = 255;
}
const shade = ([r, g, b], k) => [r, g, b].map((c) => Math.max(0, Math.min(255, Math.round(c * k))));

// A table top: warm wood, lighter towards the window (top left), with a few grain lines.
for (let y = 0; y < H; y++) {
  for (let x = 0; x < W; x++) {
    const k = 1.08 - 0.25 * ((x / W) * 0.4 + (y / H) * 0.6);
    const grain = Math.sin(y / 9 + Math.sin(x / 140) * 2) > 0.93 ? 0.93 : 1;
    set(x, y, shade([196, 160, 118], k * grain));
  }
}

function fillPolygon(points, colour) {
  const ys = points.map((p) => p[1]);
  const y0 = Math.max(0, Math.floor(Math.min(...ys)));
  const y1 = Math.min(H - 1, Math.ceil(Math.max(...ys)));
  for (let y = y0; y <= y1; y++) {
    const xs = [];
    for (let i = 0; i < points.length; i++) {
      const [ax, ay] = points[i];
      const [bx, by] = points[(i + 1) % points.length];
      if ((ay <= y + 0.5 && by > y + 0.5) || (by <= y + 0.5 && ay > y + 0.5)) xs.push(ax + ((y + 0.5 - ay) / (by - ay)) * (bx - ax));
    }
    xs.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) for (let x = Math.ceil(xs[k] - 0.5); x < xs[k + 1] - 0.5; x++) set(x, y, colour);
  }
}

function fillEllipse(cx, cy, rx, ry, colour) {
  for (let y = Math.floor(cy - ry); y <= cy + ry; y++) {
    for (let x = Math.floor(cx - rx); x <= cx + rx; x++) if (((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1) set(x, y, colour);
  }
}

// Isometric projection: one stud pitch is U pixels; Z counts plates (a brick is 3 plates high).
const U = 56;
const OX = 1180;
const OY = 360;
const C = Math.cos(Math.PI / 6);
const project = (X, Y, Z) => [OX + (X - Y) * C * U, OY + (X + Y) * 0.5 * U - Z * U * 0.4];

/** A box of w × d studs, h plates high, at (x, y, z), with studs on top. */
function brick(x, y, z, w, d, h, colour) {
  const P = (a, b, c) => project(x + a, y + b, z + c);
  fillPolygon([P(0, d, 0), P(w, d, 0), P(w, d, h), P(0, d, h)], shade(colour, 0.72));
  fillPolygon([P(w, 0, 0), P(w, d, 0), P(w, d, h), P(w, 0, h)], shade(colour, 0.55));
  fillPolygon([P(0, 0, h), P(w, 0, h), P(w, d, h), P(0, d, h)], colour);
  for (let i = 0; i < w; i++) {
    for (let j = 0; j < d; j++) {
      const [cx, cy] = P(i + 0.5, j + 0.5, h);
      fillEllipse(cx, cy - 5, U * 0.3, U * 0.17, shade(colour, 0.6));
      fillEllipse(cx, cy - 12, U * 0.3, U * 0.17, shade(colour, 1.12));
    }
  }
}

const GREEN = [64, 150, 72];
const RED = [200, 40, 36];
const BLUE = [30, 90, 180];
const YELLOW = [246, 196, 32];
const WHITE = [236, 236, 230];
const GREY = [150, 154, 160];
const ORANGE = [244, 162, 89];

// Shadow of the baseplate, then the baseplate itself.
fillPolygon([project(0.6, 0.6, -1), project(16.6, 0.6, -1), project(16.6, 16.6, -1), project(0.6, 16.6, -1)], [150, 118, 84]);
brick(0, 0, 0, 16, 16, 1, GREEN);

// Painter's order: far bricks first (small x + y), lower first.
const bricks = [
  // The round table of the committee: a ring of grey plates.
  [5, 5, 1, 6, 2, 1, GREY], [5, 9, 1, 6, 2, 1, GREY], [5, 7, 1, 2, 2, 1, GREY], [9, 7, 1, 2, 2, 1, GREY],
  // A tower at the back: the data the committee looks after (blue, white, blue).
  [1, 1, 1, 2, 2, 3, BLUE], [1, 1, 4, 2, 2, 3, WHITE], [1, 1, 7, 2, 2, 3, BLUE], [1, 1, 10, 2, 2, 3, YELLOW],
  // Seats around the table: one colour per member (territories, companies, partners).
  [6, 3, 1, 1, 1, 3, RED], [9, 3, 1, 1, 1, 3, YELLOW], [12, 6, 1, 1, 1, 3, BLUE], [12, 9, 1, 1, 1, 3, ORANGE],
  [3, 9, 1, 1, 1, 3, WHITE], [6, 12, 1, 1, 1, 3, RED], [9, 12, 1, 1, 1, 3, BLUE],
  // A bridge towards the citizens' corner (front right).
  [12, 12, 1, 3, 1, 3, WHITE], [14, 12, 4, 1, 3, 3, ORANGE], [13, 14, 1, 2, 2, 6, YELLOW],
];
bricks.sort((a, b) => a[0] + a[1] + a[2] * 0.01 - (b[0] + b[1] + b[2] * 0.01));
for (const b of bricks) brick(...b);

writeFileSync(new URL('../kits/capacities/assets/lego-comite-data.png', import.meta.url), PNG.sync.write(png));
