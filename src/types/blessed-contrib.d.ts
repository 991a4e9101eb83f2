// The one blessed-contrib module the console loads (lazily, for charts): the package ships no declarations.
declare module 'blessed-contrib/lib/widget/sparkline.js' {
  import type { Widgets } from 'blessed';
  interface SparklineOptions extends Widgets.BoxOptions {
    style?: Widgets.BoxOptions['style'] & { titleFg?: string };
  }
  interface Sparkline extends Widgets.BoxElement {
    /** Per title "title:" then the sparkline of the data's first (width - 2) values, a blank line between. */
    setData(titles: string[], data: number[][]): void;
    /** The content last set (blessed keeps it as given). */
    content: string;
  }
  const sparkline: (options: SparklineOptions) => Sparkline;
  export default sparkline;
}
