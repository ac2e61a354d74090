// RAII ownership of libgit2 handles: each git_* object is freed by its own
// free function, exactly once, whatever path the caller leaves by.
#pragma once

#include <git2.h>
#include <memory>

namespace driftline::git::detail
{

template<typename T, void (*Free)(T*)> struct GitFree {
    void operator()(T* p) const noexcept
    {
        if (p)
            Free(p);
    }
};

template<typename T, void (*Free)(T*)> using GitPtr = std::unique_ptr<T, GitFree<T, Free>>;

using BlobPtr = GitPtr<git_blob, git_blob_free>;
using BranchIteratorPtr = GitPtr<git_branch_iterator, git_branch_iterator_free>;
using CommitPtr = GitPtr<git_commit, git_commit_free>;
using ConfigPtr = GitPtr<git_config, git_config_free>;
using DiffPtr = GitPtr<git_diff, git_diff_free>;
using IndexPtr = GitPtr<git_index, git_index_free>;
using ObjectPtr = GitPtr<git_object, git_object_free>;
using OdbPtr = GitPtr<git_odb, git_odb_free>;
using ReferencePtr = GitPtr<git_reference, git_reference_free>;
using RemotePtr = GitPtr<git_remote, git_remote_free>;
using RepositoryPtr = GitPtr<git_repository, git_repository_free>;
using RevwalkPtr = GitPtr<git_revwalk, git_revwalk_free>;
using SignaturePtr = GitPtr<git_signature, git_signature_free>;
using StatusListPtr = GitPtr<git_status_list, git_status_list_free>;
using TreeEntryPtr = GitPtr<git_tree_entry, git_tree_entry_free>;
using TreePtr = GitPtr<git_tree, git_tree_free>;

} // namespace driftline::git::detail
