#include <torch/torch.h>

#include "engine/computethreads.h"

namespace reclens {

void setComputeThreads(int threads) {
  if (threads > 0) at::set_num_threads(threads);
}

int computeThreads() {
  return at::get_num_threads();
}

}  // namespace reclens
