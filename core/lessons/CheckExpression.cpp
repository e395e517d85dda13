#include "lessons/CheckExpression.h"

#include <algorithm>
#include <cctype>
#include <memory>

#include "common/Error.h"
#include "data/TextReading.h"

namespace vaecf::lessons {

namespace {

// What an argument after the run id must be.
enum class Argument { Metric, Cohort, Number, Path, Side, Activity, Extreme };

struct FigureDeclaration {
  std::string name;
  std::vector<Argument> arguments;  // after the run id
  FigureHelp help;
};

const std::vector<FigureDeclaration>& declarations() {
  static const std::vector<FigureDeclaration> list{
      {"test", {Argument::Metric}, {"test(RUN, METRIC)", "the run's test metric, e.g. ndcg@100, recall@20, rmse"}},
      {"validation",
       {Argument::Metric},
       {"validation(RUN, METRIC)", "the validation metric at the selected epoch"}},
      {"stderr", {Argument::Metric}, {"stderr(RUN, METRIC)", "standard error of the test metric over users"}},
      {"cohort",
       {Argument::Metric, Argument::Cohort},
       {"cohort(RUN, METRIC, COHORT)",
        "the test metric of one user cohort: its label (5-10, 101+) or lightest / heaviest"}},
      {"detail",
       {Argument::Path},
       {"detail(RUN, PATH)", "a number the model reports in metrics.json's details, by dotted path"}},
      {"best_epoch", {}, {"best_epoch(RUN)", "the epoch selected on validation"}},
      {"seconds", {}, {"seconds(RUN)", "the run's training time"}},
      {"active_units",
       {},
       {"active_units(RUN)",
        "latent dimensions whose posterior mean varies across users (variance > 0.01)"}},
      {"kl", {}, {"kl(RUN)", "mean KL(q(z|x) || N(0, I)) per user, in nats"}},
      {"drift",
       {Argument::Number},
       {"drift(RUN, KEEP_RATE)",
        "mean neighbourhood drift of sampled users when each item is kept with this probability"}},
      {"drift_cohort",
       {Argument::Number, Argument::Extreme},
       {"drift_cohort(RUN, KEEP_RATE, lightest|heaviest)",
        "the same drift averaged over the sampled users of the lightest (heaviest) cohort"}},
      {"transfer",
       {Argument::Side, Argument::Activity},
       {"transfer(RUN, near|far, light|heavy)",
        "mean gradient transfer <g_u, g_v> / |g_u|^2 to a light (heavy) user u from the nearest (farthest) tenth of users"}},
      {"helpful_share",
       {Argument::Side, Argument::Activity},
       {"helpful_share(RUN, near|far, light|heavy)",
        "share of the nearest (farthest) tenth of users whose gradient helps a light (heavy) user (transfer > 0)"}},
      {"pseudo_input_overlap",
       {},
       {"pseudo_input_overlap(RUN)", "mean Jaccard overlap of the top-20 items the prior's components decode to"}},
  };
  return list;
}

const FigureDeclaration* findDeclaration(const std::string& name) {
  for (const FigureDeclaration& declaration : declarations())
    if (declaration.name == name) return &declaration;
  return nullptr;
}

std::string knownFigures() {
  std::string names;
  for (const FigureDeclaration& declaration : declarations()) names += (names.empty() ? "" : ", ") + declaration.name;
  return names;
}

// ---- Expressions: SUM OP SUM over numbers and figure calls ----------------------------

struct Node {
  char op = 0;  // 0: number, 'f': figure call, '~': negation, or + - * /
  double number = 0.0;
  FigureCall call;
  std::unique_ptr<Node> left, right;
};

enum class Comparison { Less, LessOrEqual, Greater, GreaterOrEqual };

struct Inequality {
  std::unique_ptr<Node> left, right;
  Comparison comparison = Comparison::Greater;
};

class ExpressionParser {
 public:
  // With `runIds`, a run id must be one of them; without, any id parses (it was checked when
  // the lesson was read, and measuring names a run that is missing).
  ExpressionParser(std::string_view text, const std::vector<std::string>* runIds) : text_(text), runIds_(runIds) {}

  Inequality parse() {
    Inequality result;
    result.left = sum();
    result.comparison = comparison();
    result.right = sum();
    skipSpaces();
    if (pos_ != text_.size()) fail("unexpected " + quoteText(text_.substr(pos_)));
    return result;
  }

 private:
  [[noreturn]] void fail(const std::string& reason) const { throw Error(reason + " in " + quoteText(text_, 120)); }

  void skipSpaces() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
  }

  bool take(char c) {
    skipSpaces();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  Comparison comparison() {
    skipSpaces();
    const char c = pos_ < text_.size() ? text_[pos_] : '\0';
    if (c != '<' && c != '>') fail("expected a comparison (<, <=, > or >=) between two sides");
    ++pos_;
    const bool orEqual = pos_ < text_.size() && text_[pos_] == '=';
    if (orEqual) ++pos_;
    if (c == '<') return orEqual ? Comparison::LessOrEqual : Comparison::Less;
    return orEqual ? Comparison::GreaterOrEqual : Comparison::Greater;
  }

  std::unique_ptr<Node> binary(char op, std::unique_ptr<Node> left, std::unique_ptr<Node> right) {
    auto node = std::make_unique<Node>();
    node->op = op;
    node->left = std::move(left);
    node->right = std::move(right);
    return node;
  }

  std::unique_ptr<Node> sum() {
    auto node = product();
    for (;;) {
      if (take('+')) {
        node = binary('+', std::move(node), product());
      } else if (take('-')) {
        node = binary('-', std::move(node), product());
      } else {
        return node;
      }
    }
  }

  std::unique_ptr<Node> product() {
    auto node = unary();
    for (;;) {
      if (take('*')) {
        node = binary('*', std::move(node), unary());
      } else if (take('/')) {
        node = binary('/', std::move(node), unary());
      } else {
        return node;
      }
    }
  }

  std::unique_ptr<Node> unary() {
    if (take('-')) return binary('~', unary(), nullptr);
    if (take('(')) {
      auto node = sum();
      if (!take(')')) fail("a '(' is not closed");
      return node;
    }
    skipSpaces();
    const std::size_t start = pos_;
    while (pos_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_' ||
                                   text_[pos_] == '.'))
      ++pos_;
    const std::string_view word = text_.substr(start, pos_ - start);
    if (word.empty()) fail("expected a number or a figure");
    auto node = std::make_unique<Node>();
    if (reading::parseWhole(word, node->number)) return node;
    node->op = 'f';
    node->call = call(std::string(word), start);
    return node;
  }

  FigureCall call(std::string name, std::size_t start) {
    const FigureDeclaration* declaration = findDeclaration(name);
    if (declaration == nullptr) fail("no figure called '" + name + "' (known: " + knownFigures() + ")");
    if (!take('(')) fail("'" + name + "' needs its arguments in parentheses");
    FigureCall result{std::move(name), {}, {}};
    const std::size_t close = text_.find(')', pos_);
    if (close == std::string_view::npos) fail("a '(' is not closed");
    std::vector<std::string_view> fields;
    reading::splitOn(text_.substr(pos_, close - pos_), ",", fields);
    for (std::string_view field : fields) result.arguments.emplace_back(reading::trimSpaces(field));
    pos_ = close + 1;
    result.text = std::string(text_.substr(start, pos_ - start));
    checkArguments(result, *declaration);
    return result;
  }

  void checkArguments(const FigureCall& call, const FigureDeclaration& declaration) const {
    if (call.arguments.size() != declaration.arguments.size() + 1)
      fail(call.text + " takes " + std::to_string(declaration.arguments.size() + 1) + " arguments: " +
           declaration.help.signature);
    if (runIds_ != nullptr && std::find(runIds_->begin(), runIds_->end(), call.arguments[0]) == runIds_->end())
      fail(call.text + ": no run called '" + call.arguments[0] + "' in this lesson");
    for (std::size_t i = 0; i < declaration.arguments.size(); ++i) checkArgument(call, declaration.arguments[i], i + 1);
  }

  void checkArgument(const FigureCall& call, Argument kind, std::size_t index) const {
    const std::string& value = call.arguments[index];
    double number = 0.0;
    const bool ok = kind == Argument::Number  ? reading::parseWhole(value, number) && number > 0 && number <= 1
                    : kind == Argument::Side     ? value == "near" || value == "far"
                    : kind == Argument::Activity ? value == "light" || value == "heavy"
                    : kind == Argument::Extreme  ? value == "lightest" || value == "heaviest"
                                                 : !value.empty();
    if (!ok) fail(call.text + ": argument " + std::to_string(index + 1) + " does not fit " +
                  findDeclaration(call.name)->help.signature);
  }

  std::string_view text_;
  const std::vector<std::string>* runIds_;
  std::size_t pos_ = 0;
};

double evaluate(const Node& node, const FigureMeasure& measure, std::vector<MeasuredFigure>& figures) {
  switch (node.op) {
    case 0: return node.number;
    case 'f': {
      const double value = measure(node.call);
      figures.push_back({node.call.text, value});
      return value;
    }
    case '~': return -evaluate(*node.left, measure, figures);
    default: break;
  }
  const double left = evaluate(*node.left, measure, figures), right = evaluate(*node.right, measure, figures);
  switch (node.op) {
    case '+': return left + right;
    case '-': return left - right;
    case '*': return left * right;
    default: return left / right;
  }
}

// A finished run trained with the model and every parameter `prepared` gives.

bool holds(double left, Comparison comparison, double right) {
  switch (comparison) {
    case Comparison::Less: return left < right;
    case Comparison::LessOrEqual: return left <= right;
    case Comparison::Greater: return left > right;
    case Comparison::GreaterOrEqual: return left >= right;
  }
  return false;
}
}  // namespace

const std::vector<FigureHelp>& figureCatalog() {
  static const std::vector<FigureHelp> help = [] {
    std::vector<FigureHelp> list;
    for (const FigureDeclaration& declaration : declarations()) list.push_back(declaration.help);
    return list;
  }();
  return help;
}

void validateExpectation(const std::string& expectation, const std::vector<std::string>* runIds) {
  ExpressionParser(expectation, runIds).parse();
}

ExpectationOutcome evaluateExpectation(const std::string& expectation, const FigureMeasure& measure) {
  const Inequality inequality = ExpressionParser(expectation, nullptr).parse();
  ExpectationOutcome outcome;
  outcome.left = evaluate(*inequality.left, measure, outcome.figures);
  outcome.right = evaluate(*inequality.right, measure, outcome.figures);
  outcome.held = holds(outcome.left, inequality.comparison, outcome.right);
  return outcome;
}

}  // namespace vaecf::lessons
