#pragma once
// Slow motion of one training step (docs/models.md, "Slow motion of one training step"): for
// one user of a Mult-VAE or Mult-DAE run, every stage of the step the trainer takes on that
// user's row, with its numbers, so that a lesson can step forward and back through them.
// Torch-free: the window includes it.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace vaecf::lessons {

// An item column of the run with a value (an input weight).
struct TracedItem {
  std::int64_t column = 0;
  std::string itemId;
  double value = 0.0;
};

// An item as the decoder scores it: its logit and its probability under the run's likelihood
// (softmax over all items for the multinomial; the item's own sigmoid for Bernoulli).
struct ScoredItem {
  std::int64_t column = 0;
  std::string itemId;
  double logit = 0.0;
  double probability = 0.0;
};

// One step of the user's training loss, stage by stage, in the order the model computes them.
struct StepTrace {
  std::string model;  // the run's model, as the catalogue names it
  std::string userId;
  std::string userSplit;  // "train", or "validation" / "test" for a held-out user's fold-in row
  std::int64_t items = 0;
  std::int64_t step = 0;  // gradient updates the run had taken when its best.pt was written
  bool sampled = false;   // Mult-VAE: z is sampled and a KL term follows; Mult-DAE: z = mean, no KL

  // The input and its training-time corruption: mask, then L2 normalisation, then dropout.
  std::vector<TracedItem> history;     // x: the user's items and their values
  double keepRate = 1.0;               // PIA's mask_rate: each item kept with this probability
  std::vector<std::int64_t> masked;    // history columns the keep mask removed
  double inputNorm = 0.0;              // L2 norm of the kept items' values
  std::vector<TracedItem> normalised;  // the kept items divided by inputNorm
  double dropoutRate = 0.0;
  std::vector<std::int64_t> dropped;     // normalised columns that dropout removed
  std::vector<TracedItem> networkInput;  // what the encoder reads: survivors scaled by 1 / (1 - rate)

  // Encoder and latent code.
  // Each hidden layer's activations (Mult-DAE: the last is the code).
  std::vector<std::vector<double>> encoderLayers;
  std::vector<double> mean, variance;  // posterior per latent dimension; Mult-DAE: the code and zeros
  std::vector<double> epsilon;         // the N(0, 1) draws; empty for Mult-DAE
  std::vector<double> z;               // mean + sqrt(variance) * epsilon; Mult-DAE: the mean

  // Decoder and likelihood.
  std::vector<std::vector<double>> decoderLayers;  // hidden layers before the output layer
  std::string likelihood;                          // "multinomial" or "bernoulli"
  std::vector<ScoredItem> topItems;                // the most probable items, best first
  std::vector<ScoredItem> historyItems;            // the user's own items, in column order
  double historyProbability = 0.0;                 // sum of historyItems' probabilities

  // The loss: reconstruction + klWeight * kl + anchorWeight * anchorTerm.
  double reconstruction = 0.0;         // -log p(x | z), summed over the user's items
  std::vector<double> klPerDimension;  // KL(q(z|x) || N(0, I)) per dimension; empty for Mult-DAE
  double kl = 0.0;
  double klWeight = 0.0;             // beta: by default the model's own at `step`; 0 for Mult-DAE
  std::optional<double> anchorTerm;  // PIA's alignment, unweighted; unset without PIA
  double anchorWeight = 0.0;         // lambda_a
  double loss = 0.0;

  // L2 norm of each parameter tensor's gradient after backward of `loss`, by parameter name.
  std::vector<std::pair<std::string, double>> gradientNorms;
  // The model's own loss() on a batch of this user alone at `step`, with the same random
  // draws, term by term ("reconstruction", "kl", "beta", "anchor", ...): the proof that the
  // stages above are the step the trainer takes. Mult-DAE's weight penalty "l2", which
  // belongs to no user, appears only here.
  std::vector<std::pair<std::string, double>> modelTerms;
};

struct StepTraceOptions {
  std::uint64_t seed = 1;          // seeds the mask, dropout and epsilon draws
  std::int64_t topItems = 10;      // how many of the most probable items to list
  std::optional<double> klWeight;  // beta; unset: the one the run had reached at its best.pt
};

// The step for user `userId` of the split the run in `runFolder` trained on, with the
// weights of its best.pt. The corruption is the training-time one (drawn with the options'
// seed), and torch's generator is left as it was. Throws Error for a run whose model is not
// Mult-VAE or Mult-DAE, a run without weights, and a user the split does not hold.
StepTrace traceTrainingStep(const std::filesystem::path& runFolder, const std::string& userId,
                            const StepTraceOptions& options = {});

// A named list of numbers of a stage, each with a label (an item id, "dim 3", a term).
struct TraceSeries {
  std::string name;
  std::vector<std::string> labels;
  std::vector<double> values;
};

// One stage as a window shows it.
struct TraceStage {
  std::string id;     // "input", "mask", "normalise", "dropout", "encoder", "posterior", "sample",
                      // "decoder", "probabilities", "reconstruction", "kl", "anchor", "loss",
                      // "gradients", "check"
  std::string title;  // short, in English
  std::vector<TraceSeries> series;
};

// The trace's stages in the order the step computes them; "mask" only when the keep rate is
// below 1, "sample" and "kl" only for Mult-VAE, "anchor" only with PIA.
std::vector<TraceStage> traceStages(const StepTrace& trace);

}  // namespace vaecf::lessons
