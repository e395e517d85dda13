#include "help/Glossary.h"

#include <QCoreApplication>

#include <algorithm>

namespace vaecf::ui {

namespace {

// The terms in the glossary's order. Symbols (W2, T(u, v)) read the same in every language;
// words are translated with the explanations.
struct Definition {
  Term term;
  const char* name;
  bool translatedName;
  const char* explanation;
};

constexpr Definition kDefinitions[] = {
    {Term::W2, "W2", false,
     QT_TRANSLATE_NOOP("Glossary",
                       "The 2-Wasserstein distance between two users' Gaussian posteriors: the distance "
                       "between their means and between their spreads together. Neighbours and radii "
                       "are measured with it in the full latent space, never on the 2-D map.")},
    {Term::Transfer, "T(u, v)", false,
     QT_TRANSLATE_NOOP("Glossary",
                       "Gradient transfer: how much one training step on user v lowers user u's loss, "
                       "relative to a step on u itself. T > 0: v helps u; T < 0: v pulls u's "
                       "recommendations the wrong way. Computed exactly for every v at once.")},
    {Term::SharingRadius, "r_share", false,
     QT_TRANSLATE_NOOP("Glossary",
                       "The sharing radius: the W2 distance from a focus user beyond which fewer than "
                       "half of the users help it (T > 0). Users inside it are highlighted on the map. "
                       "When every distance is mostly helpful there is none.")},
    {Term::KeepRate, QT_TRANSLATE_NOOP("Glossary", "keep rate (rho)"), true,
     QT_TRANSLATE_NOOP("Glossary",
                       "The share of a user's items left in when the input is masked, as dropout does in "
                       "training: 1 keeps the whole history, 0.5 hides half of it.")},
    {Term::Drift, QT_TRANSLATE_NOOP("Glossary", "drift"), true,
     QT_TRANSLATE_NOOP("Glossary",
                       "How much a user's nearest neighbours change when the input is masked: 1 minus "
                       "the mean overlap (Jaccard) of the neighbour sets over the masks. 0: the same "
                       "neighbours every time.")},
    {Term::PiaAnchor, QT_TRANSLATE_NOOP("Glossary", "PIA anchor"), true,
     QT_TRANSLATE_NOOP("Glossary",
                       "A learnable point in latent space per item. Training pulls a user's posterior "
                       "towards the anchors of the user's items, so that a masked history still lands "
                       "near the full one.")},
    {Term::PseudoInput, QT_TRANSLATE_NOOP("Glossary", "pseudo-input"), true,
     QT_TRANSLATE_NOOP("Glossary",
                       "A learnt fake user of the VampPrior: the prior is the mixture of the posteriors "
                       "of these inputs. Decoded, each shows the taste it stands for.")},
    {Term::Cohort, QT_TRANSLATE_NOOP("Glossary", "cohort"), true,
     QT_TRANSLATE_NOOP("Glossary",
                       "Users grouped by how many interactions they have (the cohort edges, e.g. "
                       "5-10, 11-50): light users are where models differ most.")},
    {Term::Ndcg, "NDCG@100", false,
     QT_TRANSLATE_NOOP("Glossary",
                       "Normalised discounted cumulative gain of the top 100 recommendations against the "
                       "user's held-out items: 1 when they come first, in any order among themselves.")},
    {Term::Recall, "Recall@k", false,
     QT_TRANSLATE_NOOP("Glossary",
                       "The share of a user's held-out items among the top k recommendations, with at most "
                       "k items counted, so that a user with many held-out items can still reach 1.")},
    {Term::Beta, "beta", false,
     QT_TRANSLATE_NOOP("Glossary",
                       "The weight of the KL term that keeps posteriors near the prior. Annealed from 0 "
                       "in Mult-VAE; with beta 0 the model is a denoising autoencoder (Mult-DAE).")},
};

QString translated(const char* text) { return QCoreApplication::translate("Glossary", text); }

}  // namespace

QVector<GlossaryEntry> glossary() {
  // Translated on each call, so that a language switch shows at once.
  QVector<GlossaryEntry> entries;
  for (const Definition& definition : kDefinitions)
    entries.push_back({definition.term,
                       definition.translatedName ? translated(definition.name) : QString::fromUtf8(definition.name),
                       translated(definition.explanation)});
  return entries;
}

GlossaryEntry glossaryEntry(Term term) {
  const QVector<GlossaryEntry> entries = glossary();
  const auto found =
      std::find_if(entries.begin(), entries.end(), [term](const GlossaryEntry& entry) { return entry.term == term; });
  return *found;  // every Term has its entry
}

QString withExplanation(const QString& text, std::initializer_list<Term> terms) {
  QString tip = text;
  for (const Term term : terms) {
    const GlossaryEntry entry = glossaryEntry(term);
    tip += QStringLiteral("\n\n%1: %2").arg(entry.name, entry.explanation);
  }
  return tip;
}

}  // namespace vaecf::ui
