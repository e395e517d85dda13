#include "charts/ChartExport.h"

#include <QAbstractAxis>
#include <QChart>
#include <QFile>
#include <QLegend>
#include <QLogValueAxis>
#include <QPixmap>
#include <QSaveFile>
#include <QTextStream>
#include <QValueAxis>
#include <QWidget>
#include <QXYSeries>

namespace vaecf::ui {

namespace {

QString xml(const QString& text) { return text.toHtmlEscaped(); }

QString number(double value) { return QString::number(value, 'f', 2); }

bool writeText(const QString& path, const QString& text) {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) return false;
  file.write(text.toUtf8());
  return file.commit();
}

// Tick labels at the axis' own ticks: evenly spaced for a value axis, at the ends otherwise.
QVector<std::pair<double, QString>> axisTicks(const QAbstractAxis& axis) {
  QVector<std::pair<double, QString>> ticks;
  if (const auto* values = qobject_cast<const QValueAxis*>(&axis)) {
    const int count = std::max(2, values->tickCount());
    for (int i = 0; i < count; ++i) {
      const double value = values->min() + (values->max() - values->min()) * i / (count - 1);
      ticks.push_back({value, QString::number(value, 'g', 4)});
    }
  } else if (const auto* logs = qobject_cast<const QLogValueAxis*>(&axis)) {
    ticks = {{logs->min(), QString::number(logs->min(), 'g', 3)}, {logs->max(), QString::number(logs->max(), 'g', 3)}};
  }
  return ticks;
}

}  // namespace

QString csvField(const QString& text) {
  if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) && !text.contains(QLatin1Char('\n')))
    return text;
  QString quoted = text;
  quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
  return QLatin1Char('"') + quoted + QLatin1Char('"');
}

bool exportPng(QWidget& view, const QString& path) { return view.grab().save(path, "PNG"); }

bool exportSvg(QChart& chart, const QString& path) {
  const QRectF bounds = chart.geometry();
  const QRectF plot = chart.plotArea();
  QString svg;
  QTextStream out(&svg);
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << number(bounds.width()) << "\" height=\""
      << number(bounds.height()) << "\" font-family=\"sans-serif\" font-size=\"11\">\n"
      << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
      << "<clipPath id=\"plot\"><rect x=\"" << number(plot.x()) << "\" y=\"" << number(plot.y()) << "\" width=\""
      << number(plot.width()) << "\" height=\"" << number(plot.height()) << "\"/></clipPath>\n"
      << "<rect x=\"" << number(plot.x()) << "\" y=\"" << number(plot.y()) << "\" width=\"" << number(plot.width())
      << "\" height=\"" << number(plot.height()) << "\" fill=\"none\" stroke=\"#888\"/>\n";
  if (!chart.title().isEmpty())
    out << "<text x=\"" << number(bounds.width() / 2) << "\" y=\"16\" text-anchor=\"middle\">" << xml(chart.title())
        << "</text>\n";

  QXYSeries* anySeries = nullptr;
  int legendRow = 0;
  for (QAbstractSeries* abstract : chart.series()) {
    auto* series = qobject_cast<QXYSeries*>(abstract);
    if (series == nullptr || !series->isVisible() || series->count() == 0) continue;
    anySeries = series;
    out << "<polyline clip-path=\"url(#plot)\" fill=\"none\" stroke=\"" << series->color().name()
        << "\" stroke-width=\"1.5\" points=\"";
    for (const QPointF& point : series->points()) {
      const QPointF at = chart.mapToPosition(point, series);
      out << number(at.x()) << ',' << number(at.y()) << ' ';
    }
    out << "\"/>\n";
    const double legendY = plot.top() + 14 + 14 * legendRow++;
    out << "<text x=\"" << number(plot.right() - 6) << "\" y=\"" << number(legendY) << "\" text-anchor=\"end\" fill=\""
        << series->color().name() << "\">" << xml(series->name()) << "</text>\n";
  }

  if (anySeries != nullptr) {
    for (QAbstractAxis* axis : chart.axes(Qt::Horizontal, anySeries)) {
      for (const auto& [value, label] : axisTicks(*axis)) {
        const double x = chart.mapToPosition({value, 0.0}, anySeries).x();
        out << "<text x=\"" << number(x) << "\" y=\"" << number(plot.bottom() + 14) << "\" text-anchor=\"middle\">"
            << xml(label) << "</text>\n";
      }
      out << "<text x=\"" << number(plot.center().x()) << "\" y=\"" << number(plot.bottom() + 30)
          << "\" text-anchor=\"middle\">" << xml(axis->titleText()) << "</text>\n";
    }
    for (QAbstractAxis* axis : chart.axes(Qt::Vertical, anySeries)) {
      const double anyX = anySeries->at(0).x();
      for (const auto& [value, label] : axisTicks(*axis)) {
        const double y = chart.mapToPosition({anyX, value}, anySeries).y();
        out << "<text x=\"" << number(plot.left() - 4) << "\" y=\"" << number(y + 4) << "\" text-anchor=\"end\">"
            << xml(label) << "</text>\n";
      }
    }
  }
  out << "</svg>\n";
  out.flush();
  return writeText(path, svg);
}

bool exportCsv(const QString& path, const QStringList& header, const QVector<QStringList>& rows) {
  QString text;
  auto appendRow = [&text](const QStringList& fields) {
    QStringList quoted;
    for (const QString& field : fields) quoted << csvField(field);
    text += quoted.join(QLatin1Char(',')) + QLatin1Char('\n');
  };
  appendRow(header);
  for (const QStringList& row : rows) appendRow(row);
  return writeText(path, text);
}

}  // namespace vaecf::ui
