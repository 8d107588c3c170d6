/*
 * safefile.h - new files that appear whole or not at all.
 *
 * The one module through which the program creates files on a user's
 * behalf: -o FILE (sink.c) replaces a file, --extract (mail.c) publishes
 * new ones.  Everything is relative to a directory descriptor: a file is
 * created in it without a name (O_TMPFILE) where the file system and /proc
 * allow it, or under a hidden temporary name that every terminating signal
 * removes; it is then published under a new name (never replacing), or
 * put in place of an existing name (atomically, rename(2)).  No step
 * follows a symbolic link: linkat(2), renameat(2) and O_EXCL|O_NOFOLLOW
 * act on the directory entry itself.
 *
 * What a SIGKILL (or a power cut) can leave: an unnamed file leaves
 * nothing; a file that had a temporary name leaves it (".base64-XXXXXX"
 * beside the target).  A new name is linked directly, with no temporary
 * name, when the method is unnamed; replacing an existing name always
 * passes through a temporary name for an instant, as rename(2) needs one.
 */
#ifndef SEXTET_SAFEFILE_H
#define SEXTET_SAFEFILE_H

#include <stddef.h>
#include <sys/stat.h>

/* Temporary names: this prefix and six letters or digits. */
#define SF_TMP_PREFIX ".base64-"
#define SF_TMP_SIZE (sizeof(SF_TMP_PREFIX) + 6)

/* How new files are made in a directory: chosen by the first sf_create. */
enum sf_method {
	SF_UNKNOWN,     /* not probed yet */
	SF_UNNAMED,     /* O_TMPFILE, linked in through /proc/self/fd */
	SF_NAMED,       /* a temporary name from the start */
};

struct sf_dir {
	int fd;                 /* the directory; the caller's to close */
	enum sf_method method;
};

struct safefile {
	struct sf_dir *dir;
	int fd;                 /* the new file; -1 when none */
	int slot;               /* its entry in the signal list; -1: none */
	int synced;             /* its data is durable */
	char tmp[SF_TMP_SIZE];  /* its temporary name; "" while unnamed */
};

/* The directory FD, its method to be probed by the first sf_create. */
void sf_dir_init(struct sf_dir *d, int fd);

/*
 * Create a new, empty file in D, open for writing, with MODE (before the
 * umask; sf_set_mode and sf_keep_metadata set the final one).  0, or an
 * errno.  The first call chooses D's method: an unnamed file where
 * O_TMPFILE works and /proc/self/fd shows it (the file can then be linked
 * in), else a named one.
 */
int sf_create(struct safefile *f, struct sf_dir *d, mode_t mode);

/*
 * A scratch file, for data read twice: open for reading and writing, mode
 * 0600, in $TMPDIR (when an absolute path) or /tmp, and without a name:
 * O_TMPFILE, else a temporary name removed as soon as it is open (the
 * signal list covers the instant between).  The descriptor, or -1 with
 * errno set.
 */
int sf_scratch(void);

/* Give the new file the mode a new file gets from the umask: 0666. */
int sf_set_mode(struct safefile *f);

/*
 * Give the new file the owner, group, extended attributes (ACLs among
 * them) and mode of OLD (status OLD_ST, open as OLD_FD).  Owner and group
 * as far as permitted: *CHOWN_ERR gets the errno when not (0 otherwise).
 * 0, or the errno of a failure that must stop the replacement.
 */
int sf_keep_metadata(struct safefile *f, int old_fd,
    const struct stat *old_st, int *chown_err);

/* Make the file's data durable (fsync); 0 or an errno.  sf_publish and
 * sf_replace do it first, if not done. */
int sf_sync(struct safefile *f);

/*
 * Make the file durable and link it into its directory as NAME, never
 * replacing anything there (EEXIST when NAME is taken: try another).
 * The file stays open, so that a taken name can be followed by another
 * try; sf_close ends it.  0 or an errno.
 */
int sf_publish(struct safefile *f, const char *name);

/*
 * Make the file durable and put it in place of NAME in its directory,
 * atomically: NAME is either the old file or the new one at every
 * instant.  The file is closed.  0 or an errno (the new file is then
 * gone).
 */
int sf_replace(struct safefile *f, const char *name);

/* Close the file after sf_publish; 0 or the errno of close(2). */
int sf_close(struct safefile *f);

/* Give up: the file never appears; nothing is left behind. */
void sf_abort(struct safefile *f);

/*
 * Have every terminating signal remove NAME in directory DIRFD, until
 * sf_untrack(slot): for a file created on the user's behalf that must
 * not outlive a failure.  The slot, or -1 when the list is full.
 */
int sf_track(int dirfd, const char *name);
void sf_untrack(int slot);

#endif /* SEXTET_SAFEFILE_H */
