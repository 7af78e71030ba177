// NNLITE_ARG(T, name): one option of a fluent options class, as libtorch
// spells them: `name(value)` sets it and returns the options (so calls chain:
// nn::Conv2dOptions(3, 16, 3).stride(2).padding(1)), `name()` reads it.
#pragma once

#define NNLITE_ARG(T, name)                           \
 public:                                              \
  auto name(const T& new_##name)->decltype(*this) {   \
    this->name##_ = new_##name;                       \
    return *this;                                     \
  }                                                   \
  const T& name() const noexcept { return name##_; }  \
  T& name() noexcept { return name##_; }              \
                                                      \
 private:                                             \
  T name##_
