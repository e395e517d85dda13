#pragma once
// The terms the workbench's views use, explained in a sentence or two for a newcomer
// (docs/geometry.md and docs/models.md hold the definitions): the Help → Glossary page
// lists them, and the widgets that show a term carry its explanation as their tooltip.

#include <QString>
#include <QVector>

#include <initializer_list>

namespace vaecf::ui {

enum class Term { W2, Transfer, SharingRadius, KeepRate, Drift, PiaAnchor, PseudoInput, Cohort, Ndcg, Recall, Beta };

struct GlossaryEntry {
  Term term;
  QString name;         // as the views write it
  QString explanation;  // translated
};

// Every term, in the order of the glossary page.
QVector<GlossaryEntry> glossary();
GlossaryEntry glossaryEntry(Term term);
// `text` followed by the terms' explanations: the tooltip of a widget that shows them.
QString withExplanation(const QString& text, std::initializer_list<Term> terms);

}  // namespace vaecf::ui
