import type { Widgets } from 'blessed';
import { blessed } from '../terminal/blessed-library.js';
import type { Rect } from '../presentation/layout.js';

/**
 * One blessed box whose geometry and content are set only when they change, so that blessed's
 * cell diff has as little to do (and to send) as possible.
 */
export class BoxSlot {
  readonly box: Widgets.BoxElement;
  private content: string | undefined;
  private geometry = '';
  private shown = true;
  private label: string | undefined;

  constructor(parent: Widgets.Screen, options: { readonly border: boolean; readonly padding?: number; readonly label?: string }) {
    this.box = blessed.box({
      parent,
      tags: true,
      wrap: false,
      border: options.border ? { type: 'line' } : undefined,
      padding: options.padding !== undefined ? { left: options.padding, right: options.padding, top: 0, bottom: 0 } : undefined,
      label: options.label,
      left: 0,
      top: 0,
      width: 1,
      height: 1,
    } as Widgets.BoxOptions);
  }

  place(rect: Rect): void {
    const key = `${rect.left},${rect.top},${rect.width},${rect.height}`;
    if (key === this.geometry) return;
    this.geometry = key;
    this.box.left = rect.left;
    this.box.top = rect.top;
    this.box.width = Math.max(1, rect.width);
    this.box.height = Math.max(1, rect.height);
  }

  setContent(tagged: string): void {
    if (tagged === this.content) return;
    this.content = tagged;
    this.box.setContent(tagged);
  }

  /** The text on the top border; undefined removes it. */
  setLabel(label: string | undefined): void {
    if (label === this.label) return;
    this.label = label;
    if (label === undefined) this.box.removeLabel();
    else this.box.setLabel(label);
  }

  setVisible(visible: boolean): void {
    if (visible === this.shown) return;
    this.shown = visible;
    if (visible) this.box.show();
    else this.box.hide();
  }

  destroy(): void {
    this.box.destroy();
  }
}
