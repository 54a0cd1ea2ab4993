// The chart kinds the explorer adds to the site's tree-shaken ECharts (box plots, the brush),
// loaded with it only on this page.
import { echarts } from '../charts/echarts';
import { BoxplotChart } from 'echarts/charts';
import { BrushComponent } from 'echarts/components';

echarts.use([BoxplotChart, BrushComponent]);

export { echarts };
