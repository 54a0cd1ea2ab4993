// Content below the first screen asks for its data only when the reader scrolls towards it: a
// province's thousands of peer candidates are never fetched and decoded for someone who reads the
// scorecard and leaves (and they no longer block the first seconds of the page).

/** Svelte action: calls `onnear` once, when the element comes within `margin` px of the viewport. */
export function nearView(el: HTMLElement, onnear: () => void, margin = 800): { destroy: () => void } {
  const io = new IntersectionObserver(
    (entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      io.disconnect();
      onnear();
    },
    { rootMargin: `${margin}px` }
  );
  io.observe(el);
  return { destroy: () => io.disconnect() };
}
