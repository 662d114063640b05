/* fuzz-common.h: what the fuzz targets share (tests/fuzz/README in docs/fuzzing.md)
 *
 * Each fuzz-TARGET.c defines LLVMFuzzerTestOneInput(). It is linked either with libFuzzer
 * (-Dfuzzing=true, clang: tests/fuzz/fuzz-TARGET) or with run-corpus.c, a main() that feeds it
 * files (every build: the fuzz-regressions test).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "ct-store.h"

G_BEGIN_DECLS

int      LLVMFuzzerTestOneInput (const uint8_t *data,
                                 size_t         size);

/* Once per process: warnings and criticals abort (an input must never make GLib complain) */
void     fuzz_init              (void);

/* An input that is refused must be refused with a CT_ERROR whose message can be shown in the
 * window: valid UTF-8, of a reasonable length. Aborts otherwise. */
void     fuzz_check_error       (const GError *error);

/* What an import reports is shown in the window too: every line valid UTF-8 */
void     fuzz_check_report      (const CtImportReport *report);

/* Aborts unless the two texts are the same bytes, printing both */
void     fuzz_check_same        (const char   *what,
                                 const char   *a,
                                 gsize         a_length,
                                 const char   *b,
                                 gsize         b_length);

/* An in-memory database holding FUZZ_FIXTURE_JSON (fuzz-fixture.h). Imports that fail leave it
 * as it was (they roll back); call fuzz_store_changed() after one that changed it, so that the
 * next input starts from the same state again and every crash reproduces from its input alone. */
CtStore *fuzz_get_store         (void);
void     fuzz_store_changed     (void);

/* A format that loses nothing (native JSON, GeoJSON): its reader and writer */
typedef CtDataset *(*FuzzReadFunc)  (const char  *data,
                                     gsize        length,
                                     const char  *filename,
                                     GError     **error);
typedef char      *(*FuzzWriteFunc) (CtDataset   *dataset,
                                     gsize       *length);

/* The whole check of such a format: refused input has a proper error; accepted input gives the
 * same bytes through export → import → export and merges into fuzz_get_store() cleanly */
int      fuzz_lossless_format   (const uint8_t *data,
                                 size_t         size,
                                 FuzzReadFunc   read,
                                 FuzzWriteFunc  write,
                                 const char    *extension);

G_END_DECLS
