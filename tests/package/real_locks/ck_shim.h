/* Concurrency Kit's queue locks for C++: their headers (spinlock/mcs.h, spinlock/clh.h) are C that
 * does not compile as C++, so this shim, compiled as C by lockstress_add_runner with each
 * variant's flags, exposes them as functions of a lock and a per-thread state. */
#ifndef REAL_LOCKS_CK_SHIM_H
#define REAL_LOCKS_CK_SHIM_H

#ifdef __cplusplus
extern "C" {
#endif

/* The MCS lock is a pointer to the tail of its queue; each thread brings a node. */
typedef struct {
  void* tail;
} ck_mcs_lock;
typedef struct {
  unsigned int locked;
  void* next;
} ck_mcs_node;
void ck_mcs_take(ck_mcs_lock* lock, ck_mcs_node* node);
void ck_mcs_give(ck_mcs_lock* lock, ck_mcs_node* node);

/* The CLH lock's threads trade nodes: each unlock leaves the thread its predecessor's node. The
 * lock holds its first, unowned node (ck_clh_init sets it up); each thread's state holds its own
 * and points at the one it has now. */
typedef struct {
  unsigned int wait;
  void* previous;
} ck_clh_node;
typedef struct {
  void* tail;
  ck_clh_node unowned;
} ck_clh_lock;
void ck_clh_init(ck_clh_lock* lock);
typedef struct {
  ck_clh_node own;
  ck_clh_node* current;
} ck_clh_thread;
void ck_clh_take(ck_clh_lock* lock, ck_clh_thread* thread);
void ck_clh_give(ck_clh_lock* lock, ck_clh_thread* thread);

#ifdef __cplusplus
}
#endif

#endif
