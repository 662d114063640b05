/* enospc-preload.c: a full disk without root or a small file system, for test-robustness
 *
 *   LD_PRELOAD=enospc-preload.so CT_ENOSPC_PATH=/abs/path/x.db [CT_ENOSPC_AFTER=bytes] program
 *
 * Writes that grow a file whose real path starts with CT_ENOSPC_PATH (the database, its -wal and
 * -journal, a backup or temporary file beside it) fail with ENOSPC once CT_ENOSPC_AFTER bytes
 * (default 0) have been added to such files; the write that crosses the limit is cut short, as on
 * a real disk. Writing over bytes a file already has still works, as it does on a full disk, and
 * so does shrinking a file. The -shm file is left alone: SQLite maps it into memory, and a real
 * full disk fails it with SIGBUS, which is no test of ours.
 *
 * Covers what SQLite and City Ties write with: write, pwrite, pwrite64, ftruncate, ftruncate64,
 * fallocate, fallocate64, posix_fallocate, posix_fallocate64.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* Both the 32- and 64-bit offset names are defined here: no renaming by the headers */
#undef _FILE_OFFSET_BITS
#define _GNU_SOURCE

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

static long long budget = -1; /* bytes files may still grow by; -1 until read */

static void *
real (const char *name)
{
  void *fn = dlsym (RTLD_NEXT, name);

  if (fn == NULL)
    {
      fprintf (stderr, "enospc-preload: no %s\n", name);
      abort ();
    }
  return fn;
}

/* Is fd a file the full disk applies to? */
static int
is_target (int fd)
{
  const char *prefix = getenv ("CT_ENOSPC_PATH");
  char link[64], path[PATH_MAX];
  ssize_t n;

  if (prefix == NULL || *prefix == '\0')
    return 0;

  snprintf (link, sizeof link, "/proc/self/fd/%d", fd);
  if ((n = readlink (link, path, sizeof path - 1)) < 0)
    return 0;
  path[n] = '\0';

  if (strncmp (path, prefix, strlen (prefix)) != 0)
    return 0;
  return !(n >= 4 && strcmp (path + n - 4, "-shm") == 0);
}

/* How many of count bytes at offset may be written: all of them when fd is not a target or the
 * write stays within the file, else as many as the budget allows (0: the disk is full) */
static size_t
allowed (int        fd,
         long long  offset,
         size_t     count)
{
  struct stat st;
  long long grow;

  if (!is_target (fd) || fstat (fd, &st) != 0)
    return count;

  if (budget < 0)
    {
      const char *after = getenv ("CT_ENOSPC_AFTER");

      budget = after ? atoll (after) : 0;
      if (budget < 0)
        budget = 0;
    }

  if (offset + (long long) count <= (long long) st.st_size)
    return count;

  grow = offset + (long long) count - (offset > st.st_size ? offset : (long long) st.st_size);
  if (grow <= budget)
    {
      budget -= grow;
      return count;
    }

  count -= (size_t) (grow - budget);
  budget = 0;
  return count;
}

ssize_t
write (int         fd,
       const void *buf,
       size_t      count)
{
  static ssize_t (*real_write) (int, const void *, size_t);
  size_t n;

  if (real_write == NULL)
    real_write = real ("write");

  if (count > 0 && (n = allowed (fd, lseek (fd, 0, SEEK_CUR), count)) < count)
    {
      if (n == 0)
        {
          errno = ENOSPC;
          return -1;
        }
      count = n;
    }
  return real_write (fd, buf, count);
}

ssize_t
pwrite64 (int         fd,
          const void *buf,
          size_t      count,
          off64_t     offset)
{
  static ssize_t (*real_pwrite64) (int, const void *, size_t, off64_t);
  size_t n;

  if (real_pwrite64 == NULL)
    real_pwrite64 = real ("pwrite64");

  if (count > 0 && (n = allowed (fd, offset, count)) < count)
    {
      if (n == 0)
        {
          errno = ENOSPC;
          return -1;
        }
      count = n;
    }
  return real_pwrite64 (fd, buf, count, offset);
}

ssize_t
pwrite (int         fd,
        const void *buf,
        size_t      count,
        off_t       offset)
{
  return pwrite64 (fd, buf, count, offset);
}

int
ftruncate64 (int     fd,
             off64_t length)
{
  static int (*real_ftruncate64) (int, off64_t);
  struct stat st;

  if (real_ftruncate64 == NULL)
    real_ftruncate64 = real ("ftruncate64");

  if (fstat (fd, &st) == 0 && length > st.st_size &&
      allowed (fd, st.st_size, (size_t) (length - st.st_size)) < (size_t) (length - st.st_size))
    {
      errno = ENOSPC;
      return -1;
    }
  return real_ftruncate64 (fd, length);
}

int
ftruncate (int   fd,
           off_t length)
{
  return ftruncate64 (fd, length);
}

/* 0, or the error as posix_fallocate() returns it */
static int
check_allocate (int       fd,
                long long offset,
                long long len)
{
  if (len > 0 && allowed (fd, offset, (size_t) len) < (size_t) len)
    return ENOSPC;
  return 0;
}

int
fallocate64 (int     fd,
             int     mode,
             off64_t offset,
             off64_t len)
{
  static int (*real_fallocate64) (int, int, off64_t, off64_t);

  if (real_fallocate64 == NULL)
    real_fallocate64 = real ("fallocate64");

  if (check_allocate (fd, offset, len) != 0)
    {
      errno = ENOSPC;
      return -1;
    }
  return real_fallocate64 (fd, mode, offset, len);
}

int
fallocate (int   fd,
           int   mode,
           off_t offset,
           off_t len)
{
  return fallocate64 (fd, mode, offset, len);
}

int
posix_fallocate64 (int     fd,
                   off64_t offset,
                   off64_t len)
{
  static int (*real_posix_fallocate64) (int, off64_t, off64_t);

  if (real_posix_fallocate64 == NULL)
    real_posix_fallocate64 = real ("posix_fallocate64");

  if (check_allocate (fd, offset, len) != 0)
    return ENOSPC;
  return real_posix_fallocate64 (fd, offset, len);
}

int
posix_fallocate (int   fd,
                 off_t offset,
                 off_t len)
{
  return posix_fallocate64 (fd, offset, len);
}
