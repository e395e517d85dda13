#pragma once
// Saving what a chart shows: PNG as rendered, SVG with the line series as vector paths
// (Qt's SVG module is not part of our dependencies, so the paths are written here), CSV
// with the raw numbers behind the curves.

#include <QString>
#include <QStringList>
#include <QVector>

class QChart;
class QWidget;

namespace vaecf::ui {

// Each returns false when the file cannot be written.
bool exportPng(QWidget& view, const QString& path);
bool exportSvg(QChart& chart, const QString& path);
bool exportCsv(const QString& path, const QStringList& header, const QVector<QStringList>& rows);

// One CSV field, quoted when it holds a separator, a quote or a line break.
QString csvField(const QString& text);

}  // namespace vaecf::ui
