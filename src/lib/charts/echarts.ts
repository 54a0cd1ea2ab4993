// ECharts, tree-shaken to what the site draws, loaded lazily (not part of the first screen).
import * as echarts from 'echarts/core';
import { BarChart, LineChart, ScatterChart, CustomChart, BoxplotChart } from 'echarts/charts';
import {
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkLineComponent,
  MarkAreaComponent,
  DataZoomComponent,
  TitleComponent,
  GraphicComponent,
  AriaComponent
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  LineChart,
  ScatterChart,
  CustomChart,
  BoxplotChart, // the indicator page's distribution by region
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkLineComponent,
  MarkAreaComponent,
  DataZoomComponent,
  TitleComponent,
  GraphicComponent, // the demonstration label drawn inside every chart (and so inside its PNG)
  AriaComponent, // a generated description of the data for screen readers, besides the table view
  CanvasRenderer
]);

export { echarts };
export type { EChartsCoreOption as EChartsOption } from 'echarts/core';
