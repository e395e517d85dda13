// How fluid the latent map is at the sizes the issue names (10k users, 4k PIA anchors,
// 1k pseudo-inputs): a full repaint of the cached marker layer, a repaint of the overlays
// over it, and hover hit tests. Offscreen: QT_QPA_PLATFORM=offscreen build/bin/vaecf_map_bench

#include <benchmark/benchmark.h>

#include <QApplication>

#include <cmath>
#include <memory>

#include "geometry/LatentMapView.h"

namespace {

using vaecf::geometry::LatentFrame;
using vaecf::geometry::LatentTrailHeader;
using vaecf::geometry::RowMatrix;
using vaecf::geometry::UserSplit;

constexpr int kUsers = 10000, kAnchors = 4000, kPseudoInputs = 1000;

// Points spread over [0, 10)^2 by irrational strides, so every pixel region has markers.
RowMatrix spread(int count, double strideX, double strideY) {
  RowMatrix points(count, 2);
  for (int i = 0; i < count; ++i) {
    points.at(i, 0) = static_cast<float>(std::fmod(i * strideX, 10.0));
    points.at(i, 1) = static_cast<float>(std::fmod(i * strideY, 10.0));
  }
  return points;
}

std::unique_ptr<vaecf::ui::LatentMapView> largeMap() {
  auto header = std::make_shared<LatentTrailHeader>();
  header->model = "multvae";
  for (int i = 0; i < kUsers; ++i) {
    header->userIds.push_back(std::to_string(i));
    header->splits.push_back(i % 10 == 0 ? UserSplit::Test : UserSplit::Train);
    header->interactions.push_back(static_cast<std::uint32_t>(1 + i % 300));
  }
  auto frame = std::make_shared<LatentFrame>();
  frame->epoch = 1;
  frame->users = spread(kUsers, 0.6180339, 0.4142135);
  frame->anchors = spread(kAnchors, 0.73, 0.37);
  frame->pseudoInputs = spread(kPseudoInputs, 0.91, 0.29);
  auto view = std::make_unique<vaecf::ui::LatentMapView>();
  view->resize(1000, 800);
  view->setTrail(header);
  view->setFrame(frame);
  return view;
}

// Every call draws a new frame's markers: the cost of stepping playback by one epoch.
void BM_RenderFrame(benchmark::State& state) {
  const auto view = largeMap();
  for (auto _ : state) {
    view->setColourMode(state.iterations() % 2 == 0 ? vaecf::ui::MapColouring::Cohort
                                                    : vaecf::ui::MapColouring::Activity);
    benchmark::DoNotOptimize(view->renderImage(QSize(1000, 800)));
  }
  state.SetItemsProcessed(state.iterations() * (kUsers + kAnchors + kPseudoInputs));
}
BENCHMARK(BM_RenderFrame)->Unit(benchmark::kMillisecond);

// What the mouse costs while hovering: one hit test per move.
void BM_HitTest(benchmark::State& state) {
  const auto view = largeMap();
  int i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(view->hitTest(QPointF(i % 1000, (i * 7) % 800)));
    ++i;
  }
}
BENCHMARK(BM_HitTest)->Unit(benchmark::kMicrosecond);

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
