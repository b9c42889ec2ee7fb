// Implementation of aitrader_ort.h: ONNX Runtime's C API reached through dlopen, one table slot at a time.
//
// Nothing here includes or links ORT. `aort_load` opens the library and fetches its `OrtApi` table,
// and each wrapper below calls one entry of that table by index, cast to the entry's exact type.
#include "aitrader_ort.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// MARK: Slot indices
//
// Position of each member in ORT's `struct OrtApi`, counted from 0. Read from
// include/onnxruntime/core/session/onnxruntime_c_api.h at microsoft/onnxruntime commit
// 0017800f6539412b364502d8b59c11463a6411e6 (ORT_API_VERSION 13, i.e. ORT 1.13), and checked against
// the version-size asserts in onnxruntime/core/session/onnxruntime_c_api.cc (1.11), which pin the
// last slot of API versions 1..8 at 101, 118, 124, 126, 149, 157, 161 and 169. ORT only ever
// appends to OrtApi, so these indices hold for every later release (1.32 included).
enum {
  SLOT_CreateStatus = 0,
  SLOT_GetErrorCode = 1,
  SLOT_GetErrorMessage = 2,
  SLOT_CreateEnv = 3,
  SLOT_CreateSession = 7,
  SLOT_Run = 9,
  SLOT_CreateSessionOptions = 10,
  SLOT_SetSessionGraphOptimizationLevel = 23,
  SLOT_SetIntraOpNumThreads = 24,
  SLOT_SetInterOpNumThreads = 25,
  SLOT_SessionGetInputCount = 30,
  SLOT_SessionGetOutputCount = 31,
  SLOT_SessionGetInputTypeInfo = 33,
  SLOT_SessionGetOutputTypeInfo = 34,
  SLOT_SessionGetInputName = 36,
  SLOT_SessionGetOutputName = 37,
  SLOT_CreateTensorWithDataAsOrtValue = 49,
  SLOT_IsTensor = 50,
  SLOT_GetTensorMutableData = 51,
  SLOT_CastTypeInfoToTensorInfo = 55,
  SLOT_GetOnnxTypeFromTypeInfo = 56,
  SLOT_GetTensorElementType = 60,
  SLOT_GetDimensionsCount = 61,
  SLOT_GetDimensions = 62,
  SLOT_GetSymbolicDimensions = 63,
  SLOT_GetTensorShapeElementCount = 64,
  SLOT_GetTensorTypeAndShape = 65,
  SLOT_CreateCpuMemoryInfo = 69,
  SLOT_AllocatorFree = 76,
  SLOT_GetAllocatorWithDefaultOptions = 78,
  SLOT_ReleaseEnv = 92,
  SLOT_ReleaseStatus = 93,
  SLOT_ReleaseMemoryInfo = 94,
  SLOT_ReleaseSession = 95,
  SLOT_ReleaseValue = 96,
  SLOT_ReleaseTypeInfo = 98,
  SLOT_ReleaseTensorTypeAndShapeInfo = 99,
  SLOT_ReleaseSessionOptions = 100,
  SLOT_SessionGetModelMetadata = 111,
  SLOT_ModelMetadataGetProducerName = 112,
  SLOT_ModelMetadataGetGraphName = 113,
  SLOT_ModelMetadataGetDomain = 114,
  SLOT_ModelMetadataGetDescription = 115,
  SLOT_ModelMetadataLookupCustomMetadataMap = 116,
  SLOT_ModelMetadataGetVersion = 117,
  SLOT_ReleaseModelMetadata = 118,
  SLOT_ModelMetadataGetCustomMetadataMapKeys = 123,
  SLOT_GetAvailableProviders = 125,
  SLOT_ReleaseAvailableProviders = 126,
  SLOT_SessionOptionsAppendExecutionProvider_TensorRT_V2 = 170,
  SLOT_CreateTensorRTProviderOptions = 171,
  SLOT_UpdateTensorRTProviderOptions = 172,
  SLOT_ReleaseTensorRTProviderOptions = 174,
  SLOT_SessionOptionsAppendExecutionProvider_CUDA_V2 = 204,
  SLOT_CreateCUDAProviderOptions = 205,
  SLOT_UpdateCUDAProviderOptions = 206,
  SLOT_ReleaseCUDAProviderOptions = 208,
};

// The highest slot used, ReleaseCUDAProviderOptions (208), and the other CUDA V2 entries (204-206)
// arrived with API version 11 (ORT 1.11, "\since Version 1.11" in the header); everything else used
// here is from version 9 or older (the TensorRT V2 entries, 170-174, are version 9).
enum { SHIM_API_VERSION = 11 };

// ORT enum values the shim passes (same header): OrtErrorCode ORT_FAIL = 1; OrtAllocatorType
// OrtDeviceAllocator = 0 (OrtArenaAllocator = 1); OrtMemType OrtMemTypeDefault = 0. A C enum whose
// values fit in int is passed as an int, so the signatures below use int for ORT's enums.
enum { ORT_FAIL_CODE = 1, ORT_DEVICE_ALLOCATOR = 0, ORT_MEM_TYPE_DEFAULT = 0 };

// ORT types the header does not need to name; only pointers to them pass through here.
typedef struct OrtAllocator OrtAllocator;
typedef struct OrtRunOptions OrtRunOptions;
typedef struct OrtCUDAProviderOptionsV2 OrtCUDAProviderOptionsV2;
typedef struct OrtTensorRTProviderOptionsV2 OrtTensorRTProviderOptionsV2;

// MARK: Slot access

// The table is an array of function pointers; each is converted back to its real type before a call.
typedef void (*AnyFunction)(void);

static AnyFunction slot(const AOrtApi *api, int index) {
  return ((const AnyFunction *)(const void *)api)[index];
}

// `CALL(api, Name, Type)` is the table entry `Name` as a `Type` function pointer.
#define CALL(api, name, type) ((type)slot((api), SLOT_##name))

// Entry types, grouped by shape (all use the platform's default C calling convention).
typedef OrtStatus *(*CreateStatusFn)(int code, const char *message);
typedef int (*GetErrorCodeFn)(const OrtStatus *status);
typedef const char *(*GetErrorMessageFn)(const OrtStatus *status);
typedef void (*ReleaseStatusFn)(OrtStatus *status);
typedef void (*ReleaseEnvFn)(OrtEnv *env);
typedef void (*ReleaseSessionOptionsFn)(OrtSessionOptions *options);
typedef void (*ReleaseSessionFn)(OrtSession *session);
typedef void (*ReleaseTypeInfoFn)(OrtTypeInfo *info);
typedef void (*ReleaseTensorInfoFn)(OrtTensorTypeAndShapeInfo *info);
typedef void (*ReleaseMetadataFn)(OrtModelMetadata *metadata);
typedef void (*ReleaseMemoryInfoFn)(OrtMemoryInfo *info);
typedef void (*ReleaseValueFn)(OrtValue *value);

typedef OrtStatus *(*CreateEnvFn)(int level, const char *log_id, OrtEnv **out);
typedef OrtStatus *(*GetAvailableProvidersFn)(char ***providers, int *count);
typedef OrtStatus *(*ReleaseAvailableProvidersFn)(char **providers, int count);

typedef OrtStatus *(*CreateSessionOptionsFn)(OrtSessionOptions **out);
typedef OrtStatus *(*SetOptionIntFn)(OrtSessionOptions *options, int value);
typedef OrtStatus *(*CreateCudaOptionsFn)(OrtCUDAProviderOptionsV2 **out);
typedef OrtStatus *(*UpdateCudaOptionsFn)(
  OrtCUDAProviderOptionsV2 *cuda, const char *const *keys, const char *const *values, size_t count);
typedef OrtStatus *(*AppendCudaFn)(OrtSessionOptions *options, const OrtCUDAProviderOptionsV2 *cuda);
typedef void (*ReleaseCudaOptionsFn)(OrtCUDAProviderOptionsV2 *cuda);
typedef OrtStatus *(*CreateTensorRTOptionsFn)(OrtTensorRTProviderOptionsV2 **out);
typedef OrtStatus *(*UpdateTensorRTOptionsFn)(
  OrtTensorRTProviderOptionsV2 *tensorrt, const char *const *keys, const char *const *values, size_t count);
typedef OrtStatus *(*AppendTensorRTFn)(OrtSessionOptions *options, const OrtTensorRTProviderOptionsV2 *tensorrt);
typedef void (*ReleaseTensorRTOptionsFn)(OrtTensorRTProviderOptionsV2 *tensorrt);

typedef OrtStatus *(*CreateSessionFn)(
  const OrtEnv *env, const char *model_path, const OrtSessionOptions *options, OrtSession **out);
typedef OrtStatus *(*SessionCountFn)(const OrtSession *session, size_t *out);
typedef OrtStatus *(*SessionNameFn)(const OrtSession *session, size_t index, OrtAllocator *allocator, char **out);
typedef OrtStatus *(*SessionTypeInfoFn)(const OrtSession *session, size_t index, OrtTypeInfo **out);
typedef OrtStatus *(*GetAllocatorFn)(OrtAllocator **out);
typedef OrtStatus *(*AllocatorFreeFn)(OrtAllocator *allocator, void *pointer);

typedef OrtStatus *(*OnnxTypeFn)(const OrtTypeInfo *info, int *out);
typedef OrtStatus *(*CastToTensorInfoFn)(const OrtTypeInfo *info, const OrtTensorTypeAndShapeInfo **out);
typedef OrtStatus *(*ElementTypeFn)(const OrtTensorTypeAndShapeInfo *info, int *out);
typedef OrtStatus *(*TensorSizeFn)(const OrtTensorTypeAndShapeInfo *info, size_t *out);
typedef OrtStatus *(*DimensionsFn)(const OrtTensorTypeAndShapeInfo *info, int64_t *values, size_t count);
typedef OrtStatus *(*SymbolicDimensionsFn)(const OrtTensorTypeAndShapeInfo *info, const char **names, size_t count);

typedef OrtStatus *(*SessionMetadataFn)(const OrtSession *session, OrtModelMetadata **out);
typedef OrtStatus *(*MetadataStringFn)(const OrtModelMetadata *metadata, OrtAllocator *allocator, char **out);
typedef OrtStatus *(*MetadataVersionFn)(const OrtModelMetadata *metadata, int64_t *out);
typedef OrtStatus *(*MetadataKeysFn)(
  const OrtModelMetadata *metadata, OrtAllocator *allocator, char ***keys, int64_t *count);
typedef OrtStatus *(*MetadataLookupFn)(
  const OrtModelMetadata *metadata, OrtAllocator *allocator, const char *key, char **out);

typedef OrtStatus *(*CreateCpuMemoryInfoFn)(int allocator_type, int memory_type, OrtMemoryInfo **out);
typedef OrtStatus *(*CreateTensorWithDataFn)(
  const OrtMemoryInfo *memory, void *data, size_t byte_count, const int64_t *shape, size_t rank,
  int element_type, OrtValue **out);
typedef OrtStatus *(*IsTensorFn)(const OrtValue *value, int *out);
typedef OrtStatus *(*ValueTensorInfoFn)(const OrtValue *value, OrtTensorTypeAndShapeInfo **out);
typedef OrtStatus *(*TensorDataFn)(OrtValue *value, void **out);

typedef OrtStatus *(*RunFn)(
  OrtSession *session, const OrtRunOptions *run_options, const char *const *input_names,
  const OrtValue *const *inputs, size_t input_count, const char *const *output_names, size_t output_count,
  OrtValue **outputs);

// MARK: Loading

// ORT's `OrtApiBase`: the one structure its exported `OrtGetApiBase()` returns.
typedef struct {
  const void *(*GetApi)(uint32_t version);
  const char *(*GetVersionString)(void);
} ApiBase;

typedef const ApiBase *(*GetApiBaseFn)(void);

// Every table handed out, with the base it came from (for `aort_runtime_version`). Entries are
// added under `loaded_lock` and never removed: a loaded library stays loaded.
typedef struct Loaded {
  const AOrtApi *api;
  const ApiBase *base;
  struct Loaded *next;
} Loaded;

static pthread_mutex_t loaded_lock = PTHREAD_MUTEX_INITIALIZER;
static Loaded *loaded_list = NULL;

static const ApiBase *base_of(const AOrtApi *api) {
  const ApiBase *base = NULL;
  pthread_mutex_lock(&loaded_lock);
  for (const Loaded *entry = loaded_list; entry != NULL; entry = entry->next) {
    if (entry->api == api) {
      base = entry->base;
      break;
    }
  }
  pthread_mutex_unlock(&loaded_lock);
  return base;
}

// printf into the caller's error buffer, truncating to its capacity.
static void write_error(char *error, size_t capacity, const char *format, ...) {
  if (error == NULL || capacity == 0) return;
  va_list arguments;
  va_start(arguments, format);
  vsnprintf(error, capacity, format, arguments);
  va_end(arguments);
}

uint32_t aort_api_version(void) { return SHIM_API_VERSION; }

const AOrtApi *aort_load(const char *library_path, char *error, size_t error_capacity) {
  if (error != NULL && error_capacity > 0) error[0] = '\0';
  if (library_path == NULL) {
    write_error(error, error_capacity, "no ONNX Runtime library path given");
    return NULL;
  }

  void *handle = dlopen(library_path, RTLD_NOW | RTLD_LOCAL);
  if (handle == NULL) {
    const char *reason = dlerror();
    write_error(error, error_capacity, "%s", reason != NULL ? reason : "dlopen failed");
    return NULL;
  }

  // dlsym hands back an object pointer; POSIX guarantees it converts to the function's pointer.
  void *symbol = dlsym(handle, "OrtGetApiBase");
  GetApiBaseFn get_base = NULL;
  _Static_assert(sizeof symbol == sizeof get_base, "function and object pointers differ in size");
  if (symbol != NULL) memcpy(&get_base, &symbol, sizeof get_base);
  const ApiBase *base = get_base != NULL ? get_base() : NULL;
  if (base == NULL) {
    write_error(error, error_capacity, "OrtGetApiBase not found in %s", library_path);
    dlclose(handle);
    return NULL;
  }

  const AOrtApi *api = (const AOrtApi *)base->GetApi(SHIM_API_VERSION);
  if (api == NULL) {
    const char *version = base->GetVersionString != NULL ? base->GetVersionString() : NULL;
    write_error(
      error, error_capacity, "ONNX Runtime %s does not offer API version %u", version != NULL ? version : "(unknown)",
      (unsigned)SHIM_API_VERSION);
    dlclose(handle);
    return NULL;
  }

  // Record the table once (loading the same library again finds the same table); on the unlikely
  // malloc failure the table still works, only `aort_runtime_version` will not know its version.
  pthread_mutex_lock(&loaded_lock);
  const Loaded *known = loaded_list;
  while (known != NULL && known->api != api) known = known->next;
  if (known == NULL) {
    Loaded *entry = malloc(sizeof *entry);
    if (entry != NULL) {
      *entry = (Loaded){.api = api, .base = base, .next = loaded_list};
      loaded_list = entry;
    }
  }
  pthread_mutex_unlock(&loaded_lock);
  return api;
}

const char *aort_runtime_version(const AOrtApi *api) {
  const ApiBase *base = base_of(api);
  const char *version = base != NULL && base->GetVersionString != NULL ? base->GetVersionString() : NULL;
  return version != NULL ? version : "unknown";
}

// MARK: Status

int aort_status_code(const AOrtApi *api, const OrtStatus *status) {
  return status != NULL ? CALL(api, GetErrorCode, GetErrorCodeFn)(status) : 0;
}

const char *aort_status_message(const AOrtApi *api, const OrtStatus *status) {
  const char *message = status != NULL ? CALL(api, GetErrorMessage, GetErrorMessageFn)(status) : NULL;
  return message != NULL ? message : "";
}

void aort_release_status(const AOrtApi *api, OrtStatus *status) {
  if (status != NULL) CALL(api, ReleaseStatus, ReleaseStatusFn)(status);
}

// MARK: Helpers

// A status of our own (ORT_FAIL) for failures on this side, such as malloc returning NULL.
static OrtStatus *failure(const AOrtApi *api, const char *message) {
  return CALL(api, CreateStatus, CreateStatusFn)(ORT_FAIL_CODE, message);
}

static OrtStatus *out_of_memory(const AOrtApi *api) { return failure(api, "out of memory"); }

static char *copy_string(const char *text) {
  size_t size = strlen(text) + 1;
  char *copy = malloc(size);
  if (copy != NULL) memcpy(copy, text, size);
  return copy;
}

static void free_strings(char **strings, size_t count) {
  if (strings == NULL) return;
  for (size_t i = 0; i < count; i++) free(strings[i]);
  free(strings);
}

// Frees a block ORT allocated with the default allocator; a failure to free is not reported.
static void allocator_free(const AOrtApi *api, OrtAllocator *allocator, void *block) {
  if (block == NULL) return;
  OrtStatus *status = CALL(api, AllocatorFree, AllocatorFreeFn)(allocator, block);
  aort_release_status(api, status);
}

static OrtStatus *default_allocator(const AOrtApi *api, OrtAllocator **out) {
  *out = NULL;
  return CALL(api, GetAllocatorWithDefaultOptions, GetAllocatorFn)(out);
}

// Moves an allocator-owned string into a malloc'ed copy (NULL stays NULL).
static OrtStatus *adopt_string(const AOrtApi *api, OrtAllocator *allocator, char *ort_string, char **out) {
  *out = NULL;
  if (ort_string == NULL) return NULL;
  *out = copy_string(ort_string);
  allocator_free(api, allocator, ort_string);
  return *out != NULL ? NULL : out_of_memory(api);
}

// MARK: Environment

OrtStatus *aort_create_env(const AOrtApi *api, int logging_level, const char *log_id, OrtEnv **out) {
  *out = NULL;
  return CALL(api, CreateEnv, CreateEnvFn)(logging_level, log_id != NULL ? log_id : "aitrader", out);
}

void aort_release_env(const AOrtApi *api, OrtEnv *env) {
  if (env != NULL) CALL(api, ReleaseEnv, ReleaseEnvFn)(env);
}

OrtStatus *aort_available_providers(const AOrtApi *api, char ***providers, int *count) {
  *providers = NULL;
  *count = 0;
  char **names = NULL;
  int length = 0;
  OrtStatus *status = CALL(api, GetAvailableProviders, GetAvailableProvidersFn)(&names, &length);
  if (status != NULL) return status;

  char **copies = length > 0 ? calloc((size_t)length, sizeof *copies) : NULL;
  int copied = 0;
  if (copies != NULL) {
    while (copied < length && (copies[copied] = copy_string(names[copied])) != NULL) copied++;
  }
  status = CALL(api, ReleaseAvailableProviders, ReleaseAvailableProvidersFn)(names, length);
  aort_release_status(api, status);

  if (length > 0 && copied < length) {
    free_strings(copies, (size_t)copied);
    return out_of_memory(api);
  }
  *providers = copies;
  *count = length;
  return NULL;
}

// MARK: Session options

OrtStatus *aort_create_session_options(const AOrtApi *api, OrtSessionOptions **out) {
  *out = NULL;
  return CALL(api, CreateSessionOptions, CreateSessionOptionsFn)(out);
}

void aort_release_session_options(const AOrtApi *api, OrtSessionOptions *options) {
  if (options != NULL) CALL(api, ReleaseSessionOptions, ReleaseSessionOptionsFn)(options);
}

OrtStatus *aort_set_intra_op_threads(const AOrtApi *api, OrtSessionOptions *options, int threads) {
  return CALL(api, SetIntraOpNumThreads, SetOptionIntFn)(options, threads);
}

OrtStatus *aort_set_inter_op_threads(const AOrtApi *api, OrtSessionOptions *options, int threads) {
  return CALL(api, SetInterOpNumThreads, SetOptionIntFn)(options, threads);
}

OrtStatus *aort_set_graph_optimization_level(const AOrtApi *api, OrtSessionOptions *options, int level) {
  return CALL(api, SetSessionGraphOptimizationLevel, SetOptionIntFn)(options, level);
}

// Both providers: create V2 options, set "device_id", append them, release them; the first failing
// status is returned. A build without the provider fails at the create (or append) step, which is
// the caller's signal to fall back to the CPU.
static void device_id_text(int device_id, char *text, size_t capacity) { snprintf(text, capacity, "%d", device_id); }

OrtStatus *aort_append_cuda(const AOrtApi *api, OrtSessionOptions *options, int device_id) {
  OrtCUDAProviderOptionsV2 *cuda = NULL;
  OrtStatus *status = CALL(api, CreateCUDAProviderOptions, CreateCudaOptionsFn)(&cuda);
  if (status != NULL) return status;
  char device[24];
  device_id_text(device_id, device, sizeof device);
  const char *keys[] = {"device_id"};
  const char *values[] = {device};
  status = CALL(api, UpdateCUDAProviderOptions, UpdateCudaOptionsFn)(cuda, keys, values, 1);
  if (status == NULL) status = CALL(api, SessionOptionsAppendExecutionProvider_CUDA_V2, AppendCudaFn)(options, cuda);
  CALL(api, ReleaseCUDAProviderOptions, ReleaseCudaOptionsFn)(cuda);
  return status;
}

OrtStatus *aort_append_tensorrt(const AOrtApi *api, OrtSessionOptions *options, int device_id) {
  OrtTensorRTProviderOptionsV2 *tensorrt = NULL;
  OrtStatus *status = CALL(api, CreateTensorRTProviderOptions, CreateTensorRTOptionsFn)(&tensorrt);
  if (status != NULL) return status;
  char device[24];
  device_id_text(device_id, device, sizeof device);
  const char *keys[] = {"device_id"};
  const char *values[] = {device};
  status = CALL(api, UpdateTensorRTProviderOptions, UpdateTensorRTOptionsFn)(tensorrt, keys, values, 1);
  if (status == NULL) {
    status = CALL(api, SessionOptionsAppendExecutionProvider_TensorRT_V2, AppendTensorRTFn)(options, tensorrt);
  }
  CALL(api, ReleaseTensorRTProviderOptions, ReleaseTensorRTOptionsFn)(tensorrt);
  return status;
}

// MARK: Session

OrtStatus *aort_create_session(
  const AOrtApi *api, const OrtEnv *env, const char *model_path, const OrtSessionOptions *options,
  OrtSession **out) {
  *out = NULL;
  return CALL(api, CreateSession, CreateSessionFn)(env, model_path, options, out);
}

void aort_release_session(const AOrtApi *api, OrtSession *session) {
  if (session != NULL) CALL(api, ReleaseSession, ReleaseSessionFn)(session);
}

OrtStatus *aort_session_input_count(const AOrtApi *api, const OrtSession *session, size_t *out) {
  *out = 0;
  return CALL(api, SessionGetInputCount, SessionCountFn)(session, out);
}

OrtStatus *aort_session_output_count(const AOrtApi *api, const OrtSession *session, size_t *out) {
  *out = 0;
  return CALL(api, SessionGetOutputCount, SessionCountFn)(session, out);
}

static OrtStatus *session_name(
  const AOrtApi *api, SessionNameFn getter, const OrtSession *session, size_t index, char **out) {
  *out = NULL;
  OrtAllocator *allocator;
  OrtStatus *status = default_allocator(api, &allocator);
  if (status != NULL) return status;
  char *name = NULL;
  status = getter(session, index, allocator, &name);
  if (status != NULL) return status;
  return adopt_string(api, allocator, name, out);
}

OrtStatus *aort_session_input_name(const AOrtApi *api, const OrtSession *session, size_t index, char **out) {
  return session_name(api, CALL(api, SessionGetInputName, SessionNameFn), session, index, out);
}

OrtStatus *aort_session_output_name(const AOrtApi *api, const OrtSession *session, size_t index, char **out) {
  return session_name(api, CALL(api, SessionGetOutputName, SessionNameFn), session, index, out);
}

OrtStatus *aort_session_input_type_info(
  const AOrtApi *api, const OrtSession *session, size_t index, OrtTypeInfo **out) {
  *out = NULL;
  return CALL(api, SessionGetInputTypeInfo, SessionTypeInfoFn)(session, index, out);
}

OrtStatus *aort_session_output_type_info(
  const AOrtApi *api, const OrtSession *session, size_t index, OrtTypeInfo **out) {
  *out = NULL;
  return CALL(api, SessionGetOutputTypeInfo, SessionTypeInfoFn)(session, index, out);
}

void aort_release_type_info(const AOrtApi *api, OrtTypeInfo *info) {
  if (info != NULL) CALL(api, ReleaseTypeInfo, ReleaseTypeInfoFn)(info);
}

OrtStatus *aort_type_info_onnx_type(const AOrtApi *api, const OrtTypeInfo *info, int *out) {
  *out = 0;
  return CALL(api, GetOnnxTypeFromTypeInfo, OnnxTypeFn)(info, out);
}

OrtStatus *aort_type_info_tensor_info(
  const AOrtApi *api, const OrtTypeInfo *info, const OrtTensorTypeAndShapeInfo **out) {
  *out = NULL;
  return CALL(api, CastTypeInfoToTensorInfo, CastToTensorInfoFn)(info, out);
}

// MARK: Tensor type and shape

OrtStatus *aort_tensor_element_type(const AOrtApi *api, const OrtTensorTypeAndShapeInfo *info, int *out) {
  *out = 0;
  return CALL(api, GetTensorElementType, ElementTypeFn)(info, out);
}

OrtStatus *aort_tensor_rank(const AOrtApi *api, const OrtTensorTypeAndShapeInfo *info, size_t *out) {
  *out = 0;
  return CALL(api, GetDimensionsCount, TensorSizeFn)(info, out);
}

OrtStatus *aort_tensor_dimensions(
  const AOrtApi *api, const OrtTensorTypeAndShapeInfo *info, int64_t *values, size_t count) {
  return CALL(api, GetDimensions, DimensionsFn)(info, values, count);
}

OrtStatus *aort_tensor_symbolic_dimensions(
  const AOrtApi *api, const OrtTensorTypeAndShapeInfo *info, const char **names, size_t count) {
  return CALL(api, GetSymbolicDimensions, SymbolicDimensionsFn)(info, names, count);
}

OrtStatus *aort_tensor_element_count(const AOrtApi *api, const OrtTensorTypeAndShapeInfo *info, size_t *out) {
  *out = 0;
  return CALL(api, GetTensorShapeElementCount, TensorSizeFn)(info, out);
}

void aort_release_tensor_info(const AOrtApi *api, OrtTensorTypeAndShapeInfo *info) {
  if (info != NULL) CALL(api, ReleaseTensorTypeAndShapeInfo, ReleaseTensorInfoFn)(info);
}

// MARK: Model metadata

OrtStatus *aort_session_metadata(const AOrtApi *api, const OrtSession *session, OrtModelMetadata **out) {
  *out = NULL;
  return CALL(api, SessionGetModelMetadata, SessionMetadataFn)(session, out);
}

void aort_release_metadata(const AOrtApi *api, OrtModelMetadata *metadata) {
  if (metadata != NULL) CALL(api, ReleaseModelMetadata, ReleaseMetadataFn)(metadata);
}

static OrtStatus *metadata_string(
  const AOrtApi *api, MetadataStringFn getter, const OrtModelMetadata *metadata, char **out) {
  *out = NULL;
  OrtAllocator *allocator;
  OrtStatus *status = default_allocator(api, &allocator);
  if (status != NULL) return status;
  char *value = NULL;
  status = getter(metadata, allocator, &value);
  if (status != NULL) return status;
  return adopt_string(api, allocator, value, out);
}

OrtStatus *aort_metadata_producer_name(const AOrtApi *api, const OrtModelMetadata *metadata, char **out) {
  return metadata_string(api, CALL(api, ModelMetadataGetProducerName, MetadataStringFn), metadata, out);
}

OrtStatus *aort_metadata_graph_name(const AOrtApi *api, const OrtModelMetadata *metadata, char **out) {
  return metadata_string(api, CALL(api, ModelMetadataGetGraphName, MetadataStringFn), metadata, out);
}

OrtStatus *aort_metadata_description(const AOrtApi *api, const OrtModelMetadata *metadata, char **out) {
  return metadata_string(api, CALL(api, ModelMetadataGetDescription, MetadataStringFn), metadata, out);
}

OrtStatus *aort_metadata_domain(const AOrtApi *api, const OrtModelMetadata *metadata, char **out) {
  return metadata_string(api, CALL(api, ModelMetadataGetDomain, MetadataStringFn), metadata, out);
}

OrtStatus *aort_metadata_version(const AOrtApi *api, const OrtModelMetadata *metadata, int64_t *out) {
  *out = 0;
  return CALL(api, ModelMetadataGetVersion, MetadataVersionFn)(metadata, out);
}

OrtStatus *aort_metadata_custom_keys(
  const AOrtApi *api, const OrtModelMetadata *metadata, char ***keys, int64_t *count) {
  *keys = NULL;
  *count = 0;
  OrtAllocator *allocator;
  OrtStatus *status = default_allocator(api, &allocator);
  if (status != NULL) return status;
  char **ort_keys = NULL;
  int64_t length = 0;
  status = CALL(api, ModelMetadataGetCustomMetadataMapKeys, MetadataKeysFn)(metadata, allocator, &ort_keys, &length);
  if (status != NULL) return status;
  if (ort_keys == NULL || length <= 0) {
    allocator_free(api, allocator, ort_keys);
    return NULL;
  }

  // Copy every key, then give each ORT string and the ORT array back to the allocator.
  char **copies = calloc((size_t)length, sizeof *copies);
  int64_t copied = 0;
  if (copies != NULL) {
    while (copied < length && (copies[copied] = copy_string(ort_keys[copied])) != NULL) copied++;
  }
  for (int64_t i = 0; i < length; i++) allocator_free(api, allocator, ort_keys[i]);
  allocator_free(api, allocator, ort_keys);

  if (copied < length) {
    free_strings(copies, (size_t)copied);
    return out_of_memory(api);
  }
  *keys = copies;
  *count = length;
  return NULL;
}

OrtStatus *aort_metadata_lookup(
  const AOrtApi *api, const OrtModelMetadata *metadata, const char *key, char **out) {
  *out = NULL;
  OrtAllocator *allocator;
  OrtStatus *status = default_allocator(api, &allocator);
  if (status != NULL) return status;
  char *value = NULL;
  status = CALL(api, ModelMetadataLookupCustomMetadataMap, MetadataLookupFn)(metadata, allocator, key, &value);
  if (status != NULL) return status;
  return adopt_string(api, allocator, value, out);
}

// MARK: Values

OrtStatus *aort_create_cpu_memory_info(const AOrtApi *api, OrtMemoryInfo **out) {
  *out = NULL;
  // Describes caller-owned CPU buffers; the allocator kind matters only to ORT-side allocations.
  return CALL(api, CreateCpuMemoryInfo, CreateCpuMemoryInfoFn)(ORT_DEVICE_ALLOCATOR, ORT_MEM_TYPE_DEFAULT, out);
}

void aort_release_memory_info(const AOrtApi *api, OrtMemoryInfo *info) {
  if (info != NULL) CALL(api, ReleaseMemoryInfo, ReleaseMemoryInfoFn)(info);
}

OrtStatus *aort_create_tensor(
  const AOrtApi *api, const OrtMemoryInfo *memory, void *data, size_t byte_count, const int64_t *shape,
  size_t rank, int element_type, OrtValue **out) {
  *out = NULL;
  return CALL(api, CreateTensorWithDataAsOrtValue, CreateTensorWithDataFn)(
    memory, data, byte_count, shape, rank, element_type, out);
}

void aort_release_value(const AOrtApi *api, OrtValue *value) {
  if (value != NULL) CALL(api, ReleaseValue, ReleaseValueFn)(value);
}

OrtStatus *aort_value_is_tensor(const AOrtApi *api, const OrtValue *value, int *out) {
  *out = 0;
  return CALL(api, IsTensor, IsTensorFn)(value, out);
}

OrtStatus *aort_value_tensor_info(const AOrtApi *api, const OrtValue *value, OrtTensorTypeAndShapeInfo **out) {
  *out = NULL;
  return CALL(api, GetTensorTypeAndShape, ValueTensorInfoFn)(value, out);
}

OrtStatus *aort_tensor_data(const AOrtApi *api, OrtValue *value, void **out) {
  *out = NULL;
  return CALL(api, GetTensorMutableData, TensorDataFn)(value, out);
}

// MARK: Run

OrtStatus *aort_run(
  const AOrtApi *api, OrtSession *session, const char *const *input_names, const OrtValue *const *inputs,
  size_t input_count, const char *const *output_names, size_t output_count, OrtValue **outputs) {
  return CALL(api, Run, RunFn)(session, NULL, input_names, inputs, input_count, output_names, output_count, outputs);
}
