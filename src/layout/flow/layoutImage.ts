import { imageProblemMessage } from '../../check/imageMessages.js';
import { quote } from '../../report/messages.js';
import { emptyFragment, type Fragment } from './fragment.js';
import { imageSize } from './imageSize.js';
import { lengthAttr, structNode, type FlowContext } from './flowContext.js';
import { layoutMessage } from '../core/layoutMessages.js';
import type { MarkupElement } from '../markup/parseMarkup.js';
import { parseWidth } from '../core/units.js';

/** `<img>`: sized from its `width`/`height` (or its pixels at 150 dpi), never wider than the column or taller than a page. */
export function layoutImage(el: MarkupElement, ctx: FlowContext): Fragment[] {
  const src = el.attrs.src ?? '';
  const report = (code: string, key: 'assetMissing') =>
    ctx.diagnostics.push({
      severity: 'error',
      code,
      message: layoutMessage(ctx.lang, key, { src: quote(ctx.lang, src) }),
      file: ctx.file,
      line: el.line,
      column: el.column,
    });
  const bytes = ctx.assets?.(src);
  if (!bytes) {
    report('asset/missing', 'assetMissing');
    return [];
  }
  const checked = imageSize(bytes);
  if (!checked.ok) {
    // An image the template names itself (an image from the kit's data was validated, and located, by checkAssets).
    ctx.diagnostics.push({ severity: 'error', code: checked.problem.code, message: imageProblemMessage(ctx.lang, src, checked.problem), file: ctx.file, line: el.line, column: el.column });
    return [];
  }
  const size = checked.info;
  ctx.images.set(src, bytes);
  const ratio = size.height / size.width;
  const w = parseWidth(el.attrs.width ?? '');
  let width = w.ok ? (w.value.kind === 'percent' ? (w.value.value / 100) * ctx.width : w.value.kind === 'abs' ? w.value.value : ctx.width) : (size.width * 72) / 150;
  const h = lengthAttr(el, 'height');
  if (h !== undefined && !w.ok) width = h / ratio;
  width = Math.min(width, ctx.width);
  let height = width * ratio;
  if (height > ctx.bodyHeight) {
    height = ctx.bodyHeight;
    width = height / ratio;
  }
  const align = el.attrs.align ?? 'left';
  const x = ctx.x + (align === 'center' ? (ctx.width - width) / 2 : align === 'right' ? ctx.width - width : 0);
  return [
    emptyFragment({
      height,
      spaceBefore: ctx.style.size * 0.4,
      spaceAfter: ctx.style.size * 0.8,
      containers: ctx.containers,
      group: ctx.group,
      boxes: [{ kind: 'image', src, alt: el.attrs.alt ?? '', x, y: 0, width, height, role: 'Figure', node: structNode(ctx, 'Figure', { alt: el.attrs.alt ?? '' }) }],
    }),
  ];
}
