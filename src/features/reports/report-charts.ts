// Charts drawn on the server as SVG (ECharts' SSR renderer): the page reads the same with JavaScript off, and labels
// stay text (searchable, translatable by the browser). Each chart is disposed at once, or its timers keep the
// process alive.
import * as echarts from "echarts";
import { translator, type Locale } from "../../platform/i18n.ts";
import { FUNNEL_STEPS, type ReportData } from "./report-data.ts";
import { localizedName } from "../../platform/i18n.ts";

export interface Chart { title: string; svg: string; summary: string }

const FONT = "'Noto Sans SC', 'WenQuanYi Zen Hei', 'Microsoft YaHei', sans-serif";

function render(option: echarts.EChartsOption, width = 720, height = 320): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** A horizontal bar per label: long Chinese names read better on the vertical axis. */
export function barChart(title: string, labels: string[], values: number[], color = "#1d4f91"): Chart {
  const svg = render({
    grid: { left: 8, right: 48, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", data: labels, inverse: true, axisLabel: { width: 200, overflow: "truncate" } },
    series: [{ type: "bar", data: values, itemStyle: { color }, label: { show: true, position: "right" } }],
  }, 720, Math.max(160, 40 + labels.length * 28));
  return { title, svg, summary: labels.map((l, i) => `${l} ${values[i]}`).join("；") };
}

export function lineChart(title: string, labels: string[], series: { name: string; values: number[] }[]): Chart {
  const svg = render({
    grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
    legend: { top: 4 },
    xAxis: { type: "category", data: labels },
    yAxis: { type: "value", minInterval: 1 },
    series: series.map((s) => ({ type: "line", name: s.name, data: s.values })),
  });
  return { title, svg, summary: series.map((s) => `${s.name}: ${s.values.join(", ")}`).join("；") };
}

export function reportCharts(data: ReportData, locale: Locale): Chart[] {
  const t = translator(locale);
  const charts = [
    barChart(t("reports:charts.funnel"), FUNNEL_STEPS.map((s) => t(`reports:funnel.${s}`)), FUNNEL_STEPS.map((s) => data.totals[s])),
  ];
  if (data.monthly.length) {
    charts.push(lineChart(t("reports:charts.monthly"), data.monthly.map((m) => m.month), (["collected", "replied", "adopted", "converted"] as const).map((k) => ({
      name: t(`reports:funnel.${k}`), values: data.monthly.map((m) => m[k]),
    }))));
  }
  if (data.breakdowns.category.length) {
    const rows = data.breakdowns.category.slice(0, 15);
    charts.push(barChart(t("reports:charts.category"), rows.map((r) => localizedName(r, locale)), rows.map((r) => r.collected), "#2e7d32"));
  }
  return charts;
}
