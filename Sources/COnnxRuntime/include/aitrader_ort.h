// A small C layer over the ONNX Runtime C API, loaded at run time with dlopen.
//
// ONNX Runtime ships no header in its Python wheel, and the library is optional: AITrader must
// build and run without it. So nothing here links against it. `aort_load` opens the library,
// asks `OrtGetApiBase()->GetApi(version)` for the function table, and every other function calls
// one slot of that table by its index. The slot indices and signatures are those of ORT's public
// `onnxruntime_c_api.h`; `shim.c` names the header version they were read from.
//
// Conventions: a returned `OrtStatus *` is NULL on success; otherwise it carries ORT's error code
// and message (`aort_status_code`, `aort_status_message`) and the caller releases it with
// `aort_release_status`. Strings returned through `char **` are copied with malloc: free() them.
#ifndef AITRADER_ORT_H
#define AITRADER_ORT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The function table of one loaded ONNX Runtime library (ORT's `OrtApi`), opaque here.
typedef struct AOrtApi AOrtApi;
typedef struct OrtStatus OrtStatus;
typedef struct OrtEnv OrtEnv;
typedef struct OrtSessionOptions OrtSessionOptions;
typedef struct OrtSession OrtSession;
typedef struct OrtValue OrtValue;
typedef struct OrtMemoryInfo OrtMemoryInfo;
typedef struct OrtTypeInfo OrtTypeInfo;
typedef struct OrtTensorTypeAndShapeInfo OrtTensorTypeAndShapeInfo;
typedef struct OrtModelMetadata OrtModelMetadata;

/// The ORT API version the shim asks for: the lowest that has every slot it calls.
uint32_t aort_api_version(void);

/// Opens the ONNX Runtime shared library at `library_path` and returns its function table for
/// `aort_api_version()`. On failure returns NULL and writes a message into `error`. The library
/// stays loaded for the life of the process.
const AOrtApi *aort_load(const char *library_path, char *error, size_t error_capacity);
/// The loaded library's version string (e.g. "1.32.0").
const char *aort_runtime_version(const AOrtApi *api);

// MARK: Status
int aort_status_code(const AOrtApi *api, const OrtStatus *status);
const char *aort_status_message(const AOrtApi *api, const OrtStatus *status);
void aort_release_status(const AOrtApi *api, OrtStatus *status);

// MARK: Environment
/// `logging_level`: 0 verbose, 1 info, 2 warning, 3 error, 4 fatal.
OrtStatus *aort_create_env(const AOrtApi *api, int logging_level, const char *log_id, OrtEnv **out);
void aort_release_env(const AOrtApi *api, OrtEnv *env);
/// The execution providers compiled into the library, as malloc'ed strings in a malloc'ed array.
OrtStatus *aort_available_providers(const AOrtApi *api, char ***providers, int *count);

// MARK: Session options
OrtStatus *aort_create_session_options(const AOrtApi *api, OrtSessionOptions **out);
void aort_release_session_options(const AOrtApi *api, OrtSessionOptions *options);
OrtStatus *aort_set_intra_op_threads(const AOrtApi *api, OrtSessionOptions *options, int threads);
OrtStatus *aort_set_inter_op_threads(const AOrtApi *api, OrtSessionOptions *options, int threads);
/// `level`: 0 disable all, 1 basic, 2 extended, 99 all.
OrtStatus *aort_set_graph_optimization_level(const AOrtApi *api, OrtSessionOptions *options, int level);
/// Appends the CUDA execution provider (V2 options, defaults but for the device id).
OrtStatus *aort_append_cuda(const AOrtApi *api, OrtSessionOptions *options, int device_id);
/// Appends the TensorRT execution provider (V2 options, defaults but for the device id).
OrtStatus *aort_append_tensorrt(const AOrtApi *api, OrtSessionOptions *options, int device_id);

// MARK: Session
OrtStatus *aort_create_session(
  const AOrtApi *api, const OrtEnv *env, const char *model_path, const OrtSessionOptions *options,
  OrtSession **out);
void aort_release_session(const AOrtApi *api, OrtSession *session);
OrtStatus *aort_session_input_count(const AOrtApi *api, const OrtSession *session, size_t *out);
OrtStatus *aort_session_output_count(const AOrtApi *api, const OrtSession *session, size_t *out);
OrtStatus *aort_session_input_name(const AOrtApi *api, const OrtSession *session, size_t index, char **out);
OrtStatus *aort_session_output_name(const AOrtApi *api, const OrtSession *session, size_t index, char **out);
OrtStatus *aort_session_input_type_info(
  const AOrtApi *api, const OrtSession *session, size_t index, OrtTypeInfo **out);
OrtStatus *aort_session_output_type_info(
  const AOrtApi *api, const OrtSession *session, size_t index, OrtTypeInfo **out);
void aort_release_type_info(const AOrtApi *api, OrtTypeInfo *info);
/// ORT's `ONNXType`: 1 tensor, 2 sequence, 3 map, …
OrtStatus *aort_type_info_onnx_type(const AOrtApi *api, const OrtTypeInfo *info, int *out);
/// The tensor part of `info` (borrowed: owned by `info`), or NULL in `*out` when it is not a tensor.
OrtStatus *aort_type_info_tensor_info(
  const AOrtApi *api, const OrtTypeInfo *info, const OrtTensorTypeAndShapeInfo **out);

// MARK: Tensor type and shape
/// ORT's `ONNXTensorElementDataType`: 1 float, 7 int64, …
OrtStatus *aort_tensor_element_type(const AOrtApi *api, const OrtTensorTypeAndShapeInfo *info, int *out);
OrtStatus *aort_tensor_rank(const AOrtApi *api, const OrtTensorTypeAndShapeInfo *info, size_t *out);
/// Dimensions into `values` (`count` = rank); -1 marks a dimension unknown until run time.
OrtStatus *aort_tensor_dimensions(
  const AOrtApi *api, const OrtTensorTypeAndShapeInfo *info, int64_t *values, size_t count);
/// Symbolic dimension names into `names` (borrowed; "" where a dimension has none).
OrtStatus *aort_tensor_symbolic_dimensions(
  const AOrtApi *api, const OrtTensorTypeAndShapeInfo *info, const char **names, size_t count);
OrtStatus *aort_tensor_element_count(const AOrtApi *api, const OrtTensorTypeAndShapeInfo *info, size_t *out);
void aort_release_tensor_info(const AOrtApi *api, OrtTensorTypeAndShapeInfo *info);

// MARK: Model metadata
OrtStatus *aort_session_metadata(const AOrtApi *api, const OrtSession *session, OrtModelMetadata **out);
void aort_release_metadata(const AOrtApi *api, OrtModelMetadata *metadata);
OrtStatus *aort_metadata_producer_name(const AOrtApi *api, const OrtModelMetadata *metadata, char **out);
OrtStatus *aort_metadata_graph_name(const AOrtApi *api, const OrtModelMetadata *metadata, char **out);
OrtStatus *aort_metadata_description(const AOrtApi *api, const OrtModelMetadata *metadata, char **out);
OrtStatus *aort_metadata_domain(const AOrtApi *api, const OrtModelMetadata *metadata, char **out);
OrtStatus *aort_metadata_version(const AOrtApi *api, const OrtModelMetadata *metadata, int64_t *out);
/// Keys of the custom metadata map: `*keys` is a malloc'ed array of malloc'ed strings (NULL when empty).
OrtStatus *aort_metadata_custom_keys(
  const AOrtApi *api, const OrtModelMetadata *metadata, char ***keys, int64_t *count);
/// The custom metadata value for `key`, or NULL in `*out` when absent.
OrtStatus *aort_metadata_lookup(
  const AOrtApi *api, const OrtModelMetadata *metadata, const char *key, char **out);

// MARK: Values
OrtStatus *aort_create_cpu_memory_info(const AOrtApi *api, OrtMemoryInfo **out);
void aort_release_memory_info(const AOrtApi *api, OrtMemoryInfo *info);
/// A tensor over caller-owned memory: not copied, and it must outlive the value.
OrtStatus *aort_create_tensor(
  const AOrtApi *api, const OrtMemoryInfo *memory, void *data, size_t byte_count, const int64_t *shape,
  size_t rank, int element_type, OrtValue **out);
void aort_release_value(const AOrtApi *api, OrtValue *value);
OrtStatus *aort_value_is_tensor(const AOrtApi *api, const OrtValue *value, int *out);
/// Type and shape of a tensor value; release with `aort_release_tensor_info`.
OrtStatus *aort_value_tensor_info(const AOrtApi *api, const OrtValue *value, OrtTensorTypeAndShapeInfo **out);
OrtStatus *aort_tensor_data(const AOrtApi *api, OrtValue *value, void **out);

// MARK: Run
/// Runs `session` (default run options). `outputs` holds `output_count` NULLs on entry; ORT
/// allocates each output value, which the caller releases.
OrtStatus *aort_run(
  const AOrtApi *api, OrtSession *session, const char *const *input_names, const OrtValue *const *inputs,
  size_t input_count, const char *const *output_names, size_t output_count, OrtValue **outputs);

#ifdef __cplusplus
}
#endif

#endif
