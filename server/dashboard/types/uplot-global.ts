import type uPlot from 'uplot';

declare global {
  /** index.html loads uPlot's IIFE build, which sets this global. */
  interface Window {
    uPlot: typeof uPlot;
  }
}
