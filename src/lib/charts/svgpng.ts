// PNG of an inline SVG (the d3-geo maps), drawn on a canvas at 2× with a white background.
// Everything stays in the page: the SVG becomes a blob URL, no request leaves the origin.
export async function svgToPng(svg: SVGSVGElement, scale = 2): Promise<string> {
  const { width, height } = svg.getBoundingClientRect();
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  // Inline the computed fill and stroke of each path (component styles do not travel with the clone:
  // without this the outline-only overlays would be filled black). Frames and labels (the 南海诸岛
  // inset) carry presentation attributes of their own.
  const src = svg.querySelectorAll('path');
  clone.querySelectorAll('path').forEach((p, i) => {
    const cs = getComputedStyle(src[i]);
    p.setAttribute('fill', cs.fill);
    p.setAttribute('stroke', cs.stroke);
    p.setAttribute('stroke-width', cs.strokeWidth);
  });
  return svgTextToPng(new XMLSerializer().serializeToString(clone), width, height, scale);
}

/** Draw an SVG document on a canvas at `scale`× (white background) and return it as a PNG data URL. */
export async function svgTextToPng(svg: string, width: number, height: number, scale = 2): Promise<string> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    await new Promise<void>((ok, fail) => {
      img.onload = () => ok();
      img.onerror = () => fail(new Error('SVG could not be drawn'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return canvas.toDataURL('image/png');
  } finally {
    URL.revokeObjectURL(url);
  }
}
