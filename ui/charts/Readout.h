#pragma once
// Hover read-outs of the curve charts: the value every shown run's lines have at one x,
// as the chart draws them (smoothed and thinned alike), so that the runs compare at a glance.

#include <QList>
#include <QString>

#include <utility>

class QXYSeries;

namespace vaecf::ui {

using NamedLine = std::pair<QString, const QXYSeries*>;  // as the read-out names it, the line

// "name value, name value" over the lines whose points span `x`, each at its point nearest
// `x`, formatted as QString::number(value, format, precision); empty when none spans it.
QString valuesAt(double x, const QList<NamedLine>& lines, char format, int precision);

// "where — A: values; B: values" from (run label, values) pairs, or "where — values" when
// the chart shows one run (`nameRuns` false); empty when no run has a value there.
QString readoutText(const QString& where, const QList<std::pair<QString, QString>>& valuesByRun, bool nameRuns);

}  // namespace vaecf::ui
