#include "harness/runtime/loaded_objects.hpp"

#include <cxxabi.h>
#include <dlfcn.h>
#include <elf.h>
#include <link.h>

#include <cstdlib>
#include <cstring>
#include <string_view>
#include <utility>

namespace lockstress {
namespace {

// The dynamic section's tables of one loaded object. glibc relocates their addresses in place on
// most targets; where it does not, they are still offsets from the object's base.
struct DynamicTables {
  const ElfW(Sym) * symbols = nullptr;
  const char* strings = nullptr;
  const ElfW(Rela) * plt = nullptr;  // DT_JMPREL
  std::size_t plt_count = 0;
  const ElfW(Rela) * data = nullptr;  // DT_RELA
  std::size_t data_count = 0;
};

template <class T>
const T* address(ElfW(Addr) base, ElfW(Addr) value) {
  return reinterpret_cast<const T*>(value < base ? base + value : value);
}

bool read_tables(const dl_phdr_info& info, DynamicTables& tables) {
  const ElfW(Dyn)* dynamic = nullptr;
  for (int i = 0; i < info.dlpi_phnum; ++i) {
    if (info.dlpi_phdr[i].p_type == PT_DYNAMIC) {
      dynamic = reinterpret_cast<const ElfW(Dyn)*>(info.dlpi_addr + info.dlpi_phdr[i].p_vaddr);
    }
  }
  if (dynamic == nullptr) return false;
  bool rela_plt = true;
  std::size_t plt_bytes = 0, data_bytes = 0;
  for (const ElfW(Dyn)* d = dynamic; d->d_tag != DT_NULL; ++d) {
    switch (d->d_tag) {
      case DT_SYMTAB:
        tables.symbols = address<ElfW(Sym)>(info.dlpi_addr, d->d_un.d_ptr);
        break;
      case DT_STRTAB:
        tables.strings = address<char>(info.dlpi_addr, d->d_un.d_ptr);
        break;
      case DT_JMPREL:
        tables.plt = address<ElfW(Rela)>(info.dlpi_addr, d->d_un.d_ptr);
        break;
      case DT_PLTRELSZ:
        plt_bytes = d->d_un.d_val;
        break;
      case DT_PLTREL:
        rela_plt = d->d_un.d_val == DT_RELA;
        break;
      case DT_RELA:
        tables.data = address<ElfW(Rela)>(info.dlpi_addr, d->d_un.d_ptr);
        break;
      case DT_RELASZ:
        data_bytes = d->d_un.d_val;
        break;
      default:
        break;
    }
  }
  if (tables.symbols == nullptr || tables.strings == nullptr || !rela_plt) return false;
  tables.plt_count = tables.plt ? plt_bytes / sizeof(ElfW(Rela)) : 0;
  tables.data_count = tables.data ? data_bytes / sizeof(ElfW(Rela)) : 0;
  return true;
}

#if defined(__LP64__)
std::size_t symbol_index(const ElfW(Rela) & rela) { return ELF64_R_SYM(rela.r_info); }
#else
std::size_t symbol_index(const ElfW(Rela) & rela) { return ELF32_R_SYM(rela.r_info); }
#endif

bool imports_tsan(const DynamicTables& tables) {
  for (const auto& [relocations, count] :
       {std::pair{tables.plt, tables.plt_count}, std::pair{tables.data, tables.data_count}}) {
    for (std::size_t i = 0; i < count; ++i) {
      const std::size_t index = symbol_index(relocations[i]);
      if (index == 0) continue;
      const char* name = tables.strings + tables.symbols[index].st_name;
      if (std::strncmp(name, "__tsan_", 7) == 0) return true;
    }
  }
  return false;
}

std::string demangled(const char* symbol) {
  int status = 0;
  char* text = abi::__cxa_demangle(symbol, nullptr, nullptr, &status);
  if (status != 0 || text == nullptr) return symbol;
  std::string out(text);
  std::free(text);
  return out;
}

std::string_view base_name(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

struct Search {
  const std::string* path;
  bool found = false;
  bool instrumented = false;
};

}  // namespace

bool is_system_object(const std::string& path) {
  const std::string_view name = base_name(path);
  for (std::string_view prefix :
       {"libc.so", "libm.so", "libstdc++.so", "libgcc_s.so", "ld-linux", "ld64.so", "libpthread.so",
        "libdl.so", "librt.so", "libatomic.so", "linux-vdso", "linux-gate"}) {
    if (name.substr(0, prefix.size()) == prefix) return true;
  }
  return false;
}

bool object_is_instrumented(const std::string& path) {
  Search search{&path};
  dl_iterate_phdr(
      [](dl_phdr_info* info, std::size_t, void* data) {
        Search& s = *static_cast<Search*>(data);
        if (info->dlpi_name == nullptr || *s.path != info->dlpi_name) return 0;
        DynamicTables tables;
        s.found = true;
        s.instrumented = read_tables(*info, tables) && imports_tsan(tables);
        return 1;
      },
      &search);
  return search.instrumented;
}

std::vector<std::string> instrumented_shared_objects() {
  std::vector<std::string> found;
  dl_iterate_phdr(
      [](dl_phdr_info* info, std::size_t, void* data) {
        auto& out = *static_cast<std::vector<std::string>*>(data);
        if (info->dlpi_name == nullptr || *info->dlpi_name == '\0') return 0;  // the executable
        const std::string path = info->dlpi_name;
        DynamicTables tables;
        if (!is_system_object(path) && read_tables(*info, tables) && imports_tsan(tables)) {
          out.push_back(path);
        }
        return 0;
      },
      &found);
  return found;
}

std::vector<BoundCall> uninstrumented_imports() {
  std::vector<const char*> symbols;
  dl_iterate_phdr(
      [](dl_phdr_info* info, std::size_t, void* data) {
        auto& out = *static_cast<std::vector<const char*>*>(data);
        DynamicTables tables;
        if (!read_tables(*info, tables)) return 1;
        for (std::size_t i = 0; i < tables.plt_count; ++i) {
          out.push_back(tables.strings + tables.symbols[symbol_index(tables.plt[i])].st_name);
        }
        return 1;  // the executable only
      },
      &symbols);
  std::vector<BoundCall> calls;
  for (const char* symbol : symbols) {
    void* address = dlsym(RTLD_DEFAULT, symbol);
    Dl_info found{};
    if (address == nullptr || dladdr(address, &found) == 0 || found.dli_fname == nullptr) continue;
    const std::string object = found.dli_fname;
    if (is_system_object(object) || object.empty() || object_is_instrumented(object)) continue;
    calls.push_back(BoundCall{demangled(symbol), object, false, false});
  }
  return calls;
}

PltWatch::PltWatch() {
  dl_iterate_phdr(
      [](dl_phdr_info* info, std::size_t, void* data) {
        // The first object is the executable.
        auto& slots = *static_cast<std::vector<Slot>*>(data);
        DynamicTables tables;
        if (!read_tables(*info, tables)) return 1;
        for (std::size_t i = 0; i < tables.plt_count; ++i) {
          const ElfW(Rela)& rela = tables.plt[i];
          const auto* where =
              reinterpret_cast<const std::uintptr_t*>(info->dlpi_addr + rela.r_offset);
          slots.push_back(
              Slot{where, tables.strings + tables.symbols[symbol_index(rela)].st_name, 0});
        }
        return 1;
      },
      &slots_);
  changed_.resize(slots_.size());
}

void PltWatch::snapshot() {
  for (Slot& slot : slots_) slot.before = *slot.where;
}

std::vector<BoundCall> PltWatch::newly_bound() const {
  // Which slots changed, first, with no call in between: resolving them below binds the slots of
  // the functions it calls itself.
  std::size_t changed = 0;
  for (const Slot& slot : slots_) {
    if (*slot.where != slot.before) changed_[changed++] = {&slot, *slot.where};
  }
  std::vector<BoundCall> calls;
  for (std::size_t i = 0; i < changed; ++i) {
    const auto& [slot, target] = changed_[i];
    Dl_info found{};
    if (dladdr(reinterpret_cast<void*>(target), &found) == 0 || found.dli_fname == nullptr) {
      continue;
    }
    BoundCall call{demangled(slot->symbol), found.dli_fname, false, false};
    call.system = is_system_object(call.object);
    call.instrumented = !call.system && object_is_instrumented(call.object);
    calls.push_back(std::move(call));
  }
  return calls;
}

}  // namespace lockstress
