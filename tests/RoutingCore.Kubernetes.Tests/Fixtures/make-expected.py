# Writes Fixtures/expected/*.txt: what kubectl prints for the objects of FixtureCluster (and the hand-built
# Deployments of KubectlTableTests). The cells are listed by hand from kubectl's printers.go rules; the alignment is
# a line-by-line port of Go's text/tabwriter with kubectl's settings, independent of the C# TabTable.
# Generated names, cluster IPs and node ports are the seeded store's. Run: python3 make-expected.py
# Port of Go's text/tabwriter (flags=0, padchar ' ') with kubectl's settings, as an independent oracle.
MINWIDTH, TABWIDTH, PADDING = 6, 4, 3
def tabwrite(text):
    lines = [l.split('\t') for l in text.split('\n')]
    if lines and lines[-1] == ['']: lines = lines[:-1]; trailing = True
    else: trailing = False
    out = []
    widths = []
    def write_lines(line0, line1):
        for i in range(line0, line1):
            line = lines[i]
            s = ''
            for j, c in enumerate(line):
                if j > 0 and j - 1 < len(widths):
                    pass
                if j < len(widths):
                    s += c + ' ' * (widths[j] - len(c))
                else:
                    s += c
            out.append(s)
    def fmt(line0, line1):
        column = len(widths)
        this = line0
        while this < line1:
            line = lines[this]
            if column >= len(line) - 1:
                this += 1; continue
            write_lines(line0, this)
            line0 = this
            width = MINWIDTH
            while this < line1:
                line = lines[this]
                if column >= len(line) - 1: break
                w = len(line[column]) + PADDING
                if w > width: width = w
                this += 1
            widths.append(width)
            fmt(line0, this)
            widths.pop()
            line0 = this
        write_lines(line0, line1)
    fmt(0, len(lines))
    return '\n'.join(out) + ('\n' if trailing else '')

def table(rows):
    return tabwrite(''.join('\t'.join(r) + '\n' for r in rows))

import os
D = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'expected')
os.makedirs(D, exist_ok=True)
def w(name, rows): open(os.path.join(D, name), 'w').write(table(rows))
A, B, C = '2d3h', '3m25s', '5s'   # ages: stage 1 (and bootstrap), stage 2, stage 3

svc_hdr = ['NAME','TYPE','CLUSTER-IP','EXTERNAL-IP','PORT(S)','AGE']
svcs = [
 ['db','ClusterIP','None','<none>','5432/TCP',B,'app=db'],
 ['kubernetes','ClusterIP','10.96.0.1','<none>','443/TCP',A,'<none>'],
 ['upstream','ExternalName','<none>','api.example.com','<none>',B,'<none>'],
 ['web','ClusterIP','10.107.159.67','<none>','80/TCP,9090/TCP',A,'app=web'],
 ['web-lb','LoadBalancer','10.96.190.69','192.0.2.241','80:30080/TCP,443:30443/TCP',A,'app=web'],
 ['web-nodeport','NodePort','10.108.135.130','<none>','80:30008/TCP',A,'app=web'],
 ['web-pending','LoadBalancer','10.100.241.123','<pending>','8443:31443/TCP',B,'app=web'],
]
cart = ['cart','ClusterIP','10.106.154.70','203.0.113.7','8080/TCP,53/UDP',A,'app=cart']
w('get-services.txt', [svc_hdr] + [r[:6] for r in svcs])
w('get-services-wide.txt', [svc_hdr + ['SELECTOR']] + svcs)
w('get-services-all-namespaces.txt', [['NAMESPACE'] + svc_hdr] + [['default'] + r[:6] for r in svcs] + [['shop'] + cart[:6]])

pod_hdr = ['NAME','READY','STATUS','RESTARTS','AGE']
pod_wide = ['IP','NODE','NOMINATED NODE','READINESS GATES']
pods = [
 ['default','web-1','1/1','Running','0',C,'10.244.1.11','node-1','<none>','<none>'],
 ['default','web-2','0/1','Running','0',C,'10.244.2.12','node-2','<none>','<none>'],
 ['default','web-3','0/1','Terminating','0',C,'10.244.0.2','<none>','<none>','<none>'],
 ['shop','cart-1','2/2','Running','0',C,'10.244.1.20','node-1','<none>','<none>'],
]
w('get-pods.txt', [pod_hdr] + [p[1:6] for p in pods if p[0] == 'default'])
w('get-pods-wide.txt', [pod_hdr + pod_wide] + [p[1:] for p in pods if p[0] == 'default'])
w('get-pods-all-namespaces-wide.txt', [['NAMESPACE'] + pod_hdr + pod_wide] + pods)

eps = [
 ['default','db-cjlhb','IPv4','<unset>','<unset>',B],
 ['default','web-lb-rmzhp','IPv4','8080,8443','10.244.0.2,10.244.1.11,10.244.2.12',C],
 ['default','web-nodeport-9xsv9','IPv4','8080','10.244.0.2,10.244.1.11,10.244.2.12',C],
 ['default','web-pending-4xsn7','IPv4','8443','10.244.0.2,10.244.1.11,10.244.2.12',C],
 ['default','web-rvssr','IPv4','9090','10.244.0.2',C],
 ['default','web-zf46f','IPv4','8080,9090','10.244.1.11,10.244.2.12',C],
 ['shop','cart-qf22m','IPv4','8080,53','10.244.1.20',C],
]
eps_hdr = ['NAME','ADDRESSTYPE','PORTS','ENDPOINTS','AGE']
w('get-endpointslices.txt', [eps_hdr] + [e[1:] for e in eps if e[0] == 'default'])
w('get-endpointslices-all-namespaces.txt', [['NAMESPACE'] + eps_hdr] + eps)

ing_hdr = ['NAME','CLASS','HOSTS','ADDRESS','PORTS','AGE']
ings = [
 ['default','legacy','<none>','*','','80',B],
 ['default','shop','routingcore','shop.example.com,api.example.com','198.51.100.10','80, 443',B],
 ['shop','many-hosts','nginx','a.shop.example.com,b.shop.example.com,c.shop.example.com + 1 more...','','80',B],
]
w('get-ingresses.txt', [ing_hdr] + [i[1:] for i in ings if i[0] == 'default'])
w('get-ingresses-all-namespaces.txt', [['NAMESPACE'] + ing_hdr] + ings)

w('get-ingressclasses.txt', [['NAME','CONTROLLER','PARAMETERS','AGE'],
 ['nginx','k8s.io/ingress-nginx','IngressParameters.k8s.example.com/nginx-config',A],
 ['routingcore (default)','routingcore.io/ingress-controller','<none>',A]])

dep_hdr = ['NAME','READY','UP-TO-DATE','AVAILABLE','AGE']
deps = [
 ['api','1/1','1','1','45m','api','api:3.2','app=api,tier in (back,front)'],
 ['web','2/3','3','2','7h5m','app,log-shipper','nginx:1.27,fluent-bit:3.1','app=web'],
]
w('get-deployments.txt', [dep_hdr] + [d[:5] for d in deps])
w('get-deployments-wide.txt', [dep_hdr + ['CONTAINERS','IMAGES','SELECTOR']] + deps)

w('get-namespaces.txt', [['NAME','STATUS','AGE']] + [[n,'Active',A] for n in ['default','kube-node-lease','kube-public','kube-system','shop']])
w('get-secrets.txt', [['NAME','TYPE','DATA','AGE'], ['api-token','Opaque','2',C]])
w('get-configmaps.txt', [['NAME','DATA','AGE'], ['routing-config','3',C]])

# Hand-built Endpoints (KubectlTableTests), all created 45 minutes before printing.
w('get-endpoints.txt', [['NAME','ENDPOINTS','AGE'],
 ['empty','<none>','45m'],
 ['headless','192.0.2.20','45m'],
 ['ipv6','[2001:db8::1]:80','45m'],
 ['legacy','192.0.2.10:8080,192.0.2.11:8080,192.0.2.10:9090 + 1 more...','45m']])
