// `reclens-cli validate-model`: checks a model file against the RecLens model contract, optionally under
// memory and CPU-time limits. The GUI runs it as a child process before it loads a model in-process, so
// a hostile or broken file can only take this process down, never the GUI.
#include <CLI/CLI.hpp>

#include <sys/resource.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>

#include <nlohmann/json.hpp>

#include "clisupport.h"
#include "commands.h"
#include "model/modelfile.h"
#include "store/projectstore.h"

namespace reclens::cli {

namespace {

struct ValidateOptions {
  std::string model;
  std::string project;
  std::uint64_t maxMemoryMb = 0;
  std::uint64_t maxCpuSeconds = 0;
  bool json = false;
};

// Caps this process's address space and CPU time; 0 leaves a limit as it is.
Status applyLimits(const ValidateOptions& o) {
  const auto set = [](int resource, rlim_t value, const char* what) -> Status {
    rlimit limit{value, value};
    rlimit current{};
    if (getrlimit(resource, &current) == 0 && current.rlim_max != RLIM_INFINITY && current.rlim_max < value) {
      limit = rlimit{current.rlim_max, current.rlim_max};
    }
    if (setrlimit(resource, &limit) != 0) {
      return makeError(ErrorCode::InvalidArgument, std::string("cannot set the ") + what + " limit");
    }
    return Status::success();
  };
  if (o.maxMemoryMb > 0) {
    if (auto s = set(RLIMIT_AS, static_cast<rlim_t>(o.maxMemoryMb) << 20, "memory"); !s) return s;
  }
  if (o.maxCpuSeconds > 0) {
    if (auto s = set(RLIMIT_CPU, static_cast<rlim_t>(o.maxCpuSeconds), "CPU time"); !s) return s;
  }
  return Status::success();
}

int runValidate(const ValidateOptions& o) {
  if (auto s = applyLimits(o); !s) return reportError(s.error());
  std::optional<Catalog> catalog;
  if (!o.project.empty()) {
    auto store = ProjectStore::open(o.project, ProjectStore::Mode::ReadOnly);
    if (!store) return reportError(store.error());
    auto dataset = store.value()->loadDataset();
    if (!dataset) return reportError(dataset.error());
    catalog = std::move(dataset.value().items);
  }
  auto model = ModelFile::load(o.model, ComputeDevice{}, catalog ? &*catalog : nullptr);
  if (o.json) {
    nlohmann::json out = {{"model", o.model}, {"valid", model.ok()}};
    if (model) {
      const auto& m = model.value()->metadata();
      out["kind"] = m.kind;
      out["dim"] = m.dim;
      out["num_items"] = m.numItems;
      out["catalog_fingerprint"] = m.catalogFingerprint;
      out["contract_version"] = model.value()->contractVersion();
      out["batched_user_vectors"] = model.value()->hasBatchedUserVectors();
      out["closed_form"] = model.value()->closedFormName();
      if (!model.value()->closedFormNote().empty()) out["closed_form_note"] = model.value()->closedFormNote();
    } else {
      out["code"] = errorCodeName(model.error().code);
      out["error"] = model.error().message;
    }
    // Messages may quote bytes of a hostile file: invalid UTF-8 is replaced rather than thrown on.
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << std::endl;
    return model ? kExitOk : exitCodeFor(model.error().code);
  }
  if (!model) return reportError(model.error());
  const auto& m = model.value()->metadata();
  std::printf("%s: valid RecLens model (%s, %d dimensions, %lld items%s)\n", o.model.c_str(), m.kind.c_str(),
              m.dim, static_cast<long long>(m.numItems), catalog ? ", matches the project's catalog" : "");
  const auto& file = *model.value();
  std::printf("  contract version %d%s\n", file.contractVersion(),
              file.hasBatchedUserVectors() ? ", batched user_vectors"
                                           : ", no user_vectors (explanations call "
                                             "user_vector once per row)");
  if (!file.closedFormName().empty())
    std::printf("  closed form for explanations: %s\n", file.closedFormName().c_str());
  if (!file.closedFormNote().empty()) std::printf("  note: %s\n", file.closedFormNote().c_str());
  return kExitOk;
}

}  // namespace

void addValidateModelCommand(CLI::App& app, CommandRunner& runner) {
  auto opts = std::make_shared<ValidateOptions>();
  auto* cmd = app.add_subcommand("validate-model", "Check a model file against the RecLens model contract");
  cmd->add_option("model", opts->model, "TorchScript model file")->required();
  cmd->add_option("--project", opts->project,
                  "Also check that the model was trained on this project's catalog");
  cmd->add_option("--max-memory-mb", opts->maxMemoryMb, "Cap this process's address space (MiB; 0 = no cap)");
  cmd->add_option("--max-cpu-seconds", opts->maxCpuSeconds,
                  "Cap this process's CPU time (seconds; 0 = no cap)");
  cmd->add_flag("--json", opts->json, "Print the verdict as JSON on stdout");
  cmd->callback([opts, &runner] { runner = [opts] { return runValidate(*opts); }; });
}

}  // namespace reclens::cli
